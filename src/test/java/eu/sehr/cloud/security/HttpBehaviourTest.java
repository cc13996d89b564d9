package eu.sehr.cloud.security;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import eu.sehr.cloud.support.Api;
import eu.sehr.cloud.support.Api.Citizen;
import eu.sehr.cloud.support.EventRows;
import eu.sehr.cloud.support.RawHttp;
import eu.sehr.cloud.support.RunningService;
import eu.sehr.cloud.support.RunningService.Started;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The contract's "HTTP behaviour under stress and abuse" over the wire: {@code Expect: 100-continue} answered after
 * the token and consent checks (or the refusal without reading the body), closing answers that say so, the
 * headers on every answer, and anonymous refusals that do not each become an event.
 */
@ExtendWith(RunningService.class)
class HttpBehaviourTest {

    private static final Pattern ANONYMOUS_REFUSALS = Pattern.compile("(?m)^sehr_anonymous_refusals_total(?:\\{[^}]*})? ([0-9.eE+]+)$");

    private final Api api;
    private final Started started;

    HttpBehaviourTest(Api api, Started started) {
        this.api = api;
        this.started = started;
    }

    @Test
    void should_answer_100_continue_once_the_token_and_consent_checks_pass() {
        Citizen citizen = api.newCitizen();
        api.signConsent(citizen.token(), "cloud").expect(200);
        try (RawHttp upload = RawHttp.connect(started.port(), "127.0.0.1")) {
            upload.head("POST", "/citizen/upload?objectName=CONTINUED", Map.of("Authorization", "Bearer " + citizen.token(),
                    "Content-Type", "application/octet-stream", "Content-Length", "5", "Expect", "100-continue"));

            RawHttp.Response interim = upload.read(3_000);
            assertThat(interim).as("100 Continue before the body is sent").isNotNull();
            assertThat(interim.status()).isEqualTo(100);

            upload.send("hello".getBytes());
            assertThat(upload.read(10_000).status()).isEqualTo(201);
        }
        assertThat(api.get("/citizen/" + citizen.username() + "/CONTINUED", citizen.token()).expect(200).text()).isEqualTo("hello");
    }

    @Test
    void should_refuse_an_expecting_upload_without_reading_its_body_when_a_check_fails() {
        Citizen withoutConsent = api.newCitizen();
        for (String token : new String[] {"not-a-token", withoutConsent.token()}) {
            try (RawHttp upload = RawHttp.connect(started.port(), "127.0.0.1")) {
                upload.head("POST", "/citizen/upload?objectName=NEVER", Map.of("Authorization", "Bearer " + token,
                        "Content-Type", "application/octet-stream", "Content-Length", "5000000", "Expect", "100-continue"));

                RawHttp.Response refusal = upload.read(5_000);
                assertThat(refusal).as("the final answer without the body").isNotNull();
                assertThat(refusal.status()).isIn(401, 403);
                assertThat(refusal.header("Connection")).isEqualToIgnoringCase("close");
                assertThat(refusal.body()).contains("\"errorCode\":" + refusal.status());
                assertThat(upload.closedByServer(5_000)).isTrue();
            }
        }
    }

    @Test
    void should_stream_an_upload_whose_path_is_written_unnormalised() {
        Citizen citizen = api.newCitizen();
        api.signConsent(citizen.token(), "cloud").expect(200);
        try (RawHttp upload = RawHttp.connect(started.port(), "127.0.0.1")) {
            upload.head("POST", "/citizen/./upload?objectName=DOTTED", Map.of("Authorization", "Bearer " + citizen.token(),
                    "Content-Type", "application/octet-stream", "Content-Length", "5"));
            upload.send("hello".getBytes());
            assertThat(upload.read(10_000).status()).isEqualTo(201);
        }
        assertThat(api.get("/citizen/" + citizen.username() + "/DOTTED", citizen.token()).expect(200).text()).isEqualTo("hello");
    }

    @Test
    void should_say_connection_close_when_it_closes_after_oversized_headers() {
        try (RawHttp client = RawHttp.connect(started.port(), "127.0.0.1")) {
            client.head("GET", "/health/live", Map.of("X-Padding", "a".repeat(20_000)));

            RawHttp.Response refusal = client.read(5_000);
            assertThat(refusal.status()).isEqualTo(431);
            assertThat(refusal.header("Connection")).isEqualToIgnoringCase("close");
            assertThat(refusal.body()).isEqualTo("{\"msg\":\"the request headers are too large\",\"errorCode\":431}");
            assertThat(client.closedByServer(5_000)).isTrue();
        }
    }

    @Test
    void should_refuse_query_parameters_named_like_headers_so_no_token_rides_in_the_url() {
        Citizen citizen = api.newCitizen();
        api.get("/citizen/buckets?Authorization=Bearer%20" + citizen.token(), null).expectError(400);
        api.get("/citizen/buckets?authorization=Bearer%20" + citizen.token(), null).expectError(400);
        api.get("/citizen/buckets?CamelHttpMethod=DELETE", citizen.token()).expectError(400);
        api.get("/citizen/buckets", citizen.token()).expect(200);
    }

    @Test
    void should_mark_every_answer_not_to_be_cached_or_sniffed() {
        for (Api.Response answer : new Api.Response[] {api.get("/health/live", null), api.get("/no/such/path", null),
                api.get("/citizen/buckets", null)}) {
            assertThat(answer.header("Cache-Control")).isEqualTo("no-store");
            assertThat(answer.header("X-Content-Type-Options")).isEqualTo("nosniff");
            assertThat(answer.header("Strict-Transport-Security")).as("only under TLS").isNull();
        }
    }

    @Test
    void should_count_anonymous_refusals_but_store_at_most_one_summary_per_client_and_minute() {
        String client = "127.0.0.9";
        EventRows events = new EventRows(started.service().stores().dataSource());
        double countedBefore = anonymousRefusalsCounted();

        for (int i = 0; i < 30; i++) {
            try (RawHttp anonymous = RawHttp.connect(started.port(), client)) {
                anonymous.head("GET", "/citizen/buckets", i % 2 == 0 ? Map.of() : Map.of("Authorization", "Bearer garbage-" + i));
                assertThat(anonymous.read(5_000).status()).isEqualTo(401);
            }
        }

        assertThat(anonymousRefusalsCounted() - countedBefore).isGreaterThanOrEqualTo(30);
        assertThat(events.all().stream()
                .filter(row -> row.simpleType().equals("AnonymousRequestRefused"))
                .filter(row -> row.payload().contains("\"client\":\"" + client + "\"")))
                .as("one summary per minute (two if a minute turned)").hasSizeBetween(1, 2);
    }

    private double anonymousRefusalsCounted() {
        Matcher counter = ANONYMOUS_REFUSALS.matcher(api.get("/metrics", null).expect(200).text());
        return counter.find() ? Double.parseDouble(counter.group(1)) : 0;
    }
}
