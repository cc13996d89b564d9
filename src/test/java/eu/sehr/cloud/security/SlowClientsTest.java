package eu.sehr.cloud.security;

import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import eu.sehr.cloud.support.Api;
import eu.sehr.cloud.support.Api.Citizen;
import eu.sehr.cloud.support.RawHttp;
import eu.sehr.cloud.support.RunningService;
import eu.sehr.cloud.support.RunningService.Started;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Clients that send or read slowly, from one address or from many, never hold the service: bodies of documents are
 * read before a worker thread is taken and must arrive within 10 s (408), a client address holds at most 32
 * requests in progress (429), uploads and downloads must keep 16 KiB/s after their first 10 s. Meanwhile every
 * other client and {@code /health/live} are served as usual. Clients on other loopback addresses (127.0.0.0/8)
 * stand for other machines.
 */
class SlowClientsTest {

    private static final int PER_CLIENT_CAP = 32;
    private static Started service;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @BeforeAll
    static void start() {
        service = Started.start(RunningService.tempDir(), Map.of());
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    @Test
    void should_serve_everyone_else_while_slow_clients_hold_connections_and_then_refuse_them_with_408() {
        List<RawHttp> oneAddress = new ArrayList<>();
        List<RawHttp> manyAddresses = new ArrayList<>();
        try {
            for (int i = 0; i < 40; i++) {
                oneAddress.add(slowRegistration("127.0.0.3"));
            }
            for (int i = 1; i <= 64; i++) {
                manyAddresses.add(slowRegistration("127.0.1." + i));
            }

            assertThat(quickly("/health/live")).isEqualTo(200);
            Citizen other = service.api().newCitizen();
            assertThat(quickly("/citizen/buckets", other.token())).isEqualTo(200);

            List<RawHttp> overTheCap = oneAddress.subList(PER_CLIENT_CAP, oneAddress.size());
            for (RawHttp refused : overTheCap) {
                RawHttp.Response answer = refused.read(5_000);
                assertThat(answer.status()).isEqualTo(429);
                assertThat(answer.header("Connection")).isEqualToIgnoringCase("close");
                assertThat(answer.body()).contains("\"errorCode\":429");
            }
            List<RawHttp> held = new ArrayList<>(oneAddress.subList(0, PER_CLIENT_CAP));
            held.addAll(manyAddresses);
            for (RawHttp slow : held) {
                RawHttp.Response answer = slow.read(20_000);
                assertThat(answer).as("a slow body is answered once its 10 s are up").isNotNull();
                assertThat(answer.status()).isEqualTo(408);
                assertThat(answer.header("Connection")).isEqualToIgnoringCase("close");
                assertThat(slow.closedByServer(5_000)).isTrue();
            }
            assertThat(quickly("/health/live")).isEqualTo(200);
        } finally {
            oneAddress.forEach(RawHttp::close);
            manyAddresses.forEach(RawHttp::close);
        }
    }

    @Test
    void should_cut_off_an_upload_sent_more_slowly_than_16_kib_per_second_and_store_nothing() throws Exception {
        Api api = service.api();
        Citizen citizen = api.newCitizen();
        api.signConsent(citizen.token(), "cloud").expect(200);
        AtomicBoolean stop = new AtomicBoolean();
        try (RawHttp upload = RawHttp.connect(service.port(), "127.0.0.4")) {
            upload.head("POST", "/citizen/upload?objectName=SLOW", Map.of("Authorization", "Bearer " + citizen.token(),
                    "Content-Type", "application/octet-stream", "Content-Length", "1000000"));
            Thread trickle = new Thread(() -> {
                byte[] piece = new byte[512];
                try {
                    while (!stop.get()) {
                        upload.send(piece);
                        Thread.sleep(500);
                    }
                } catch (UncheckedIOException | InterruptedException e) {
                    // cut off by the server, or the test is over
                }
            });
            trickle.start();
            RawHttp.Response answer = upload.read(25_000);
            stop.set(true);
            trickle.join();

            assertThat(answer).as("a 1 KiB/s upload is refused once its first 10 s are over").isNotNull();
            assertThat(answer.status()).isEqualTo(408);
            assertThat(answer.header("Connection")).isEqualToIgnoringCase("close");
        }
        assertThat(api.get("/citizen/buckets/" + citizen.username(), citizen.token()).expect(200).json().get("objects"))
                .isEmpty();
    }

    @Test
    void should_cut_off_a_download_read_too_slowly() throws Exception {
        Api api = service.api();
        Citizen citizen = api.newCitizen();
        api.signConsent(citizen.token(), "cloud").expect(200);
        byte[] record = new byte[24 * 1024 * 1024];
        Arrays.fill(record, (byte) 7);
        api.upload("/citizen/upload", citizen.token(), "LARGE", record).expect(201);

        try (RawHttp reader = RawHttp.connect(service.port(), "127.0.0.5", 4096)) {
            reader.head("GET", "/citizen/" + citizen.username() + "/LARGE", Map.of("Authorization", "Bearer " + citizen.token()));
            Thread.sleep(16_000); // a client that reads nothing for 16 s
            long received = reader.drain(10_000);

            assertThat(received).as("the service stopped sending to a client that fell below the minimum rate")
                    .isLessThan(record.length);
        }
        assertThat(quickly("/health/live")).isEqualTo(200);
    }

    private static RawHttp slowRegistration(String fromAddress) {
        RawHttp connection = RawHttp.connect(service.port(), fromAddress);
        connection.head("POST", "/citizen/register", Map.of("Content-Type", "application/json", "Content-Length", "1000"));
        connection.send("{".getBytes());
        return connection;
    }

    private static int quickly(String path) {
        return quickly(path, null);
    }

    /** The status of a GET that must be answered within 3 s (it fails with an exception otherwise). */
    private static int quickly(String path, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(service.api().base() + path)).timeout(Duration.ofSeconds(3));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (Exception e) {
            throw new AssertionError("GET " + path + " was not served within 3 s", e);
        }
    }
}
