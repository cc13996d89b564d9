package eu.sehr.cloud.security;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

import eu.sehr.cloud.support.Api;
import eu.sehr.cloud.support.RunningService;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Ten thousand generated requests (bad names, bad JSON, huge and malformed headers, invalid UTF-8, random bytes,
 * wrong methods, path tricks) against the running service: never a 5xx, every error in the contract's body, no
 * internal detail in any answer, and the service healthy afterwards.
 */
class FuzzingTest {

    private static final Pattern INTERNAL_DETAIL = Pattern.compile(
            "(?i)exception|\\bat (eu|org|java|io|com)\\.|org\\.apache|java\\.|postgres|minio|mongo|axon|camel|stack|sql");
    /** Refused by Vert.x's HTTP codec before any route (request line over 4 KiB, headers over 8 KiB): no body. */
    private static final List<Integer> CODEC_LIMITS = List.of(414, 431);
    private static final List<String> METHODS = List.of("GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS");
    private static final List<String> TEMPLATES = List.of(
            "/citizen/register", "/citizen/login", "/citizen/account", "/citizen/consent/{a}", "/citizen/buckets",
            "/citizen/buckets/{a}", "/citizen/{a}/{b}", "/citizen/{a}/{b}/metadata", "/citizen/upload?objectName={a}",
            "/citizen/auditing", "/hcp/requestaccess", "/hcp/buckets", "/hcp/buckets/{a}", "/hcp/{a}/{b}",
            "/hcp/{a}/{b}/metadata", "/hcp/upload?objectName={a}", "/auditor/login", "/audit/events?citizen={a}&after={b}",
            "/audit/verify?citizen={a}", "/audit/replay/{a}", "/{a}", "/{a}/{b}", "/.well-known/jwks.json");
    private static final List<String> NASTY_SEGMENTS = List.of("..", "%2E%2E", "%2F", "a%2Fb", "%00", "a%00b", "%C3%28",
            "%FF%FE", "%25", "A".repeat(1000), "alice", "ALICE", "buckets", "consent", "a--hco-0123456789", ".hidden",
            "%20", "%E2%80%AE", "null", "-1", "9223372036854775808", "%7B%7D", "%3Cscript%3E");

    private static RunningService.Started started;
    private static HttpClient http;
    private static Api.Citizen citizen;

    @BeforeContainer
    static void start() {
        started = RunningService.Started.start();
        http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        citizen = started.api().newCitizen();
        started.api().signConsent(citizen.token(), "cloud").expect(200);
    }

    @AfterContainer
    static void stop() {
        started.api().get("/health/ready", null).expect(200);
        started.close();
    }

    @Property(tries = 10_000, seed = "20261124", shrinking = net.jqwik.api.ShrinkingMode.OFF)
    void should_answer_any_request_without_5xx_or_internal_detail(@ForAll("requests") Fuzz fuzz) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(started.api().base() + fuzz.path()))
                .timeout(Duration.ofSeconds(30))
                .method(fuzz.method(), fuzz.body() == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(fuzz.body()));
        if (fuzz.authorization() != null) {
            request.header("Authorization", fuzz.authorization());
        }
        if (fuzz.contentType() != null) {
            request.header("Content-Type", fuzz.contentType());
        }
        HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        String body = new String(response.body(), StandardCharsets.UTF_8);
        assertThat(response.statusCode()).as("%s %s -> %s", fuzz.method(), fuzz.path(), body).isLessThan(500);
        if (response.statusCode() >= 400 && !CODEC_LIMITS.contains(response.statusCode())) {
            Api.Response answer = new Api.Response(response.statusCode(), response.headers(), response.body());
            answer.expectError(response.statusCode());
            assertThat(answer.json().get("msg").asText()).doesNotContainPattern(INTERNAL_DETAIL);
        }
    }

    /** Vert.x's HTTP codec refuses a request line over 4 KiB itself (414), before any route: a 4xx without a body. */
    @net.jqwik.api.Example
    void should_refuse_an_overlong_request_line_with_a_4xx() throws Exception {
        HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create(started.api().base() + "/citizen/"
                + "a".repeat(5000))).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).isBetween(400, 499);
    }

    @Provide
    Arbitrary<Fuzz> requests() {
        Arbitrary<String> method = Arbitraries.of(METHODS);
        Arbitrary<String> segment = Arbitraries.oneOf(Arbitraries.of(NASTY_SEGMENTS),
                Arbitraries.strings().withCharRange('a', 'z').numeric().withChars('-', '.', '_').ofMinLength(0).ofMaxLength(40));
        Arbitrary<String> path = Combinators.combine(Arbitraries.of(TEMPLATES), segment, segment)
                .as((template, a, b) -> template.replace("{a}", a).replace("{b}", b));
        Arbitrary<String> authorization = Arbitraries.oneOf(
                Arbitraries.just(null),
                Arbitraries.just("Bearer " + citizen.token()),
                Arbitraries.strings().withCharRange('!', '~').ofMaxLength(200).map(s -> "Bearer " + s),
                Arbitraries.just("Bearer " + "x".repeat(7000)),
                Arbitraries.just("Basic YWxpY2U6cGFzc3dvcmQ="),
                Arbitraries.just("Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJhIn0."));
        Arbitrary<String> contentType = Arbitraries.of("application/json", "application/fhir+json", "text/plain",
                "multipart/form-data; boundary=x", "application/x-www-form-urlencoded", "application/octet-stream",
                "application/json; charset=latin1", "garbage/;;;").injectNull(0.2);
        Arbitrary<byte[]> body = Arbitraries.oneOf(
                Arbitraries.just(null),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(2000),
                Arbitraries.of("{", "[]", "null", "{\"username\":\"alice\",\"password\":\"x\"}", "{\"username\":[1],\"password\":{}}",
                        "{\"resourceType\":\"Consent\"}", "{\"hcoAssertion\":\"a.b.c\"}", "\"just a string\"",
                        "{\"username\":\"" + "a".repeat(5000) + "\",\"password\":\"12345678\"}")
                        .map(text -> text.getBytes(StandardCharsets.UTF_8)),
                Arbitraries.just(new byte[] {(byte) 0xC3, (byte) 0x28, (byte) 0xFF, 0x7B}));
        return Combinators.combine(method, path, authorization, contentType, body).as(Fuzz::new);
    }

    record Fuzz(String method, String path, String authorization, String contentType, byte[] body) {
        @Override
        public String toString() {
            return method + " " + path + " ct=" + contentType + " body=" + (body == null ? "none" : body.length + "B");
        }
    }
}
