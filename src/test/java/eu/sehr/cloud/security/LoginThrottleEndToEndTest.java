package eu.sehr.cloud.security;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

import eu.sehr.cloud.audit.compliance.AuditorDirectory;
import eu.sehr.cloud.infra.Sql;
import eu.sehr.cloud.support.Api;
import eu.sehr.cloud.support.Api.Citizen;
import eu.sehr.cloud.support.RawHttp;
import eu.sehr.cloud.support.RunningService;
import eu.sehr.cloud.support.RunningService.Started;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The login throttle over real HTTP, on a service behind a trusted proxy (127.0.0.1, whose X-Forwarded-For names the
 * client) with the default limits per (username, client) and per client, and 12 failures per username. Each test
 * plays its clients from its own addresses; 127.0.0.2 and 127.0.0.3 are peers that are not proxies.
 */
@Timeout(180)
class LoginThrottleEndToEndTest {

    private static final int PER_PAIR = 5;
    private static final int PER_CLIENT = 50;
    private static final int PER_USERNAME = 12;
    private static final String CITIZEN_LOGIN = "/citizen/login";
    private static final String AUDITOR_LOGIN = "/auditor/login";

    private static Started started;
    private static Api api;
    private static HttpClient http;

    @BeforeAll
    static void a_service_behind_a_trusted_proxy() {
        started = Started.start(RunningService.tempDir(), Map.of(
                "sehr.http.trusted-proxies", "127.0.0.1",
                "sehr.login.max-failures-per-username", Integer.toString(PER_USERNAME)));
        api = started.api();
        http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    @AfterAll
    static void stop() {
        started.close();
    }

    @Test
    void should_give_thirty_concurrent_wrong_guesses_no_more_tries_than_sequential_ones() throws Exception {
        Citizen owner = api.newCitizen();
        List<Api.Response> answers = concurrently(30, i -> login(CITIZEN_LOGIN, owner.username(), "wrong " + i, "10.1.0.1"));
        assertStatuses(answers, PER_PAIR, 30 - PER_PAIR);
        login(CITIZEN_LOGIN, owner.username(), owner.password(), "10.1.0.1").expectError(429);
    }

    @Test
    void should_not_lock_the_owner_out_with_a_strangers_wrong_guesses_from_another_address() {
        Citizen owner = api.newCitizen();
        for (int i = 0; i < PER_PAIR; i++) {
            login(CITIZEN_LOGIN, owner.username(), "stranger's guess " + i, "10.2.0.66").expectError(401);
        }
        login(CITIZEN_LOGIN, owner.username(), owner.password(), "10.2.0.66").expectError(429);
        // the last hop that is not a trusted proxy is the client, whatever the client put before it
        login(CITIZEN_LOGIN, owner.username(), owner.password(), "10.2.0.1, 10.2.0.66").expectError(429);
        login(CITIZEN_LOGIN, owner.username(), owner.password(), "10.2.0.66, 10.2.0.1").expect(200);
    }

    @Test
    void should_not_lock_the_owner_out_with_a_strangers_wrong_guesses_from_another_peer() {
        Citizen owner = api.newCitizen();
        for (int i = 0; i < PER_PAIR; i++) {
            assertThat(loginFrom("127.0.0.2", owner.username(), "guess " + i, Map.of())).isEqualTo(401);
        }
        assertThat(loginFrom("127.0.0.2", owner.username(), owner.password(), Map.of())).isEqualTo(429);
        api.login(owner.username(), owner.password()).expect(200);
    }

    @Test
    void should_ignore_x_forwarded_for_from_a_peer_that_is_not_a_trusted_proxy() {
        Citizen owner = api.newCitizen();
        for (int i = 0; i < PER_PAIR; i++) {
            assertThat(loginFrom("127.0.0.3", owner.username(), "guess " + i, Map.of("X-Forwarded-For", "10.3.0." + i)))
                    .isEqualTo(401);
        }
        assertThat(loginFrom("127.0.0.3", owner.username(), "guess", Map.of("X-Forwarded-For", "10.3.0.99"))).isEqualTo(429);
        api.login(owner.username(), owner.password()).expect(200);
    }

    @Test
    void should_refuse_x_forwarded_for_smuggled_in_as_a_query_parameter() {
        Citizen owner = api.newCitizen();
        for (String query : List.of("?X-Forwarded-For=10.9.9.9", "?x%2Dforwarded%2Dfor=10.9.9.9")) {
            send(CITIZEN_LOGIN + query, Api.credentials(owner.username(), owner.password()), "10.5.0.1").expectError(400);
            send(AUDITOR_LOGIN + query, Api.credentials(owner.username(), owner.password()), "10.5.0.1").expectError(400);
        }
    }

    @Test
    void should_stop_a_password_spray_from_one_client_at_fifty_usernames() {
        String prefix = "spray-" + UUID.randomUUID().toString().substring(0, 8) + "-";
        for (int i = 0; i < 60; i++) {
            login(CITIZEN_LOGIN, prefix + i, "Summer2026!", "10.4.0.4").expectError(i < PER_CLIENT ? 401 : 429);
        }
        login(CITIZEN_LOGIN, prefix + 0, "Summer2026!", "10.4.0.5").expectError(401);
    }

    @Test
    void should_refuse_a_username_with_too_many_failures_from_all_clients_on_every_client() {
        Citizen owner = api.newCitizen();
        for (int i = 0; i < PER_USERNAME; i++) {
            login(CITIZEN_LOGIN, owner.username(), "guess " + i, "10.6.0." + (i / 4)).expectError(401);
        }
        login(CITIZEN_LOGIN, owner.username(), owner.password(), "10.6.1.1").expectError(429);
    }

    @Test
    void should_throttle_auditor_logins_alike() throws Exception {
        String auditor = auditor();
        List<Api.Response> answers = concurrently(30, i -> login(AUDITOR_LOGIN, auditor, "wrong " + i, "10.7.0.1"));
        assertStatuses(answers, PER_PAIR, 30 - PER_PAIR);
        login(AUDITOR_LOGIN, auditor, "auditor password", "10.7.0.1").expectError(429);
        login(AUDITOR_LOGIN, auditor, "auditor password", "10.7.0.2").expect(200);
    }

    @Test
    void should_stop_a_password_spray_over_auditor_names_at_fifty() {
        String prefix = "officer-" + UUID.randomUUID().toString().substring(0, 8) + "-";
        for (int i = 0; i < 60; i++) {
            login(AUDITOR_LOGIN, prefix + i, "Summer2026!", "10.8.0.8").expectError(i < PER_CLIENT ? 401 : 429);
        }
    }

    private static String auditor() {
        String name = "officer-" + UUID.randomUUID().toString().substring(0, 8);
        new AuditorDirectory(new Sql(started.service().stores().dataSource()::getConnection))
                .put(name, new PasswordHasher().hash("auditor password"));
        return name;
    }

    /** A citizen login straight from the loopback address {@code from} (not a proxy); the status. */
    private static int loginFrom(String from, String username, String password, Map<String, String> headers) {
        byte[] body = Api.credentials(username, password).getBytes(StandardCharsets.UTF_8);
        Map<String, String> head = new LinkedHashMap<>(headers);
        head.put("Content-Type", "application/json");
        head.put("Content-Length", Integer.toString(body.length));
        head.put("Connection", "close");
        try (RawHttp client = RawHttp.connect(started.port(), from)) {
            RawHttp.Response response = client.head("POST", CITIZEN_LOGIN, head).send(body).read(60_000);
            assertThat(response).as("an answer to the login from %s", from).isNotNull();
            return response.status();
        }
    }

    /** A login through the trusted proxy (the JDK client's peer, 127.0.0.1) for the client {@code forwardedFor}. */
    private static Api.Response login(String path, String username, String password, String forwardedFor) {
        return send(path, Api.credentials(username, password), forwardedFor);
    }

    private static Api.Response send(String pathAndQuery, String json, String forwardedFor) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(api.base() + pathAndQuery))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .header("X-Forwarded-For", forwardedFor)
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build();
        try {
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            return new Api.Response(response.statusCode(), response.headers(), response.body());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs {@code count} requests at once (all released together) and returns their answers. */
    private static List<Api.Response> concurrently(int count, IntFunction<Api.Response> request) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(count);
        try {
            CountDownLatch ready = new CountDownLatch(count);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Api.Response>> answers = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int n = i;
                answers.add(threads.submit(() -> {
                    ready.countDown();
                    go.await();
                    return request.apply(n);
                }));
            }
            ready.await();
            go.countDown();
            List<Api.Response> responses = new ArrayList<>();
            for (Future<Api.Response> answer : answers) {
                responses.add(answer.get());
            }
            return responses;
        } finally {
            threads.shutdownNow();
        }
    }

    private static void assertStatuses(List<Api.Response> answers, int unauthorized, int throttled) {
        assertThat(answers).filteredOn(answer -> answer.status() == 401).hasSize(unauthorized);
        assertThat(answers).filteredOn(answer -> answer.status() == 429).hasSize(throttled)
                .allSatisfy(answer -> answer.expectError(429));
    }
}
