package eu.sehr.cloud.reliability;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import com.fasterxml.jackson.databind.JsonNode;
import eu.sehr.cloud.App;
import eu.sehr.cloud.infra.embedded.EmbeddedMongoServer;
import eu.sehr.cloud.infra.embedded.EmbeddedObjectStorage;
import eu.sehr.cloud.infra.embedded.EmbeddedPostgresServer;
import eu.sehr.cloud.support.Api;
import eu.sehr.cloud.support.Api.Citizen;
import eu.sehr.cloud.support.FreePorts;
import eu.sehr.cloud.support.RunningService;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The gateway as a separate process on stores that outlive it, killed with SIGKILL in the middle of a concurrent
 * upload load and started again: every upload answered 201 reads back byte-identical, every stored record has its
 * event, and every event is in the audit view exactly once.
 */
class GatewayCrashTest {

    private static final int CLIENTS = 4;

    @Test
    void should_lose_nothing_answered_when_the_gateway_is_killed_during_uploads() throws Exception {
        Path dir = RunningService.tempDir();
        try (EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start(dir.resolve("postgres"));
             EmbeddedObjectStorage storage = EmbeddedObjectStorage.start(dir.resolve("s3"));
             EmbeddedMongoServer mongo = EmbeddedMongoServer.start(dir.resolve("mongo.mv"))) {
            int port = FreePorts.take();
            Map<String, String> environment = Map.of(
                    "SEHR_PORT", Integer.toString(port), "SEHR_HOST", "127.0.0.1",
                    "SEHR_DATA_DIR", dir.resolve("gateway").toString(),
                    "SEHR_POSTGRES_URL", postgres.jdbcUrl(), "SEHR_POSTGRES_USER", postgres.user(),
                    "SEHR_POSTGRES_PASSWORD", postgres.password(),
                    "SEHR_S3_ENDPOINT", storage.endpoint(), "SEHR_S3_ACCESS_KEY", storage.accessKey(),
                    "SEHR_S3_SECRET_KEY", storage.secretKey(), "SEHR_MONGODB_URI", mongo.uri());
            Api api = new Api("http://127.0.0.1:" + port);
            Map<String, String> answered = new ConcurrentHashMap<>();
            Citizen citizen;

            Process gateway = startGateway(environment, api);
            try {
                citizen = api.newCitizen();
                api.signConsent(citizen.token(), "cloud").expect(200);
                AtomicBoolean running = new AtomicBoolean(true);
                ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
                for (int client = 0; client < CLIENTS; client++) {
                    int id = client;
                    clients.submit(() -> upload(api, citizen, id, running, answered));
                }
                await().atMost(Duration.ofSeconds(30)).until(() -> answered.size() >= 20);
                gateway.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                running.set(false);
                clients.shutdown();
                assertThat(clients.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
            } finally {
                gateway.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }

            gateway = startGateway(environment, api);
            try {
                for (Map.Entry<String, String> upload : answered.entrySet()) {
                    byte[] bytes = api.get("/citizen/" + citizen.username() + "/" + upload.getKey(), citizen.token())
                            .expect(200).body();
                    assertThat(sha256(bytes)).as(upload.getKey()).isEqualTo(upload.getValue());
                }
                List<String> listed = names(api.get("/citizen/buckets/" + citizen.username(), citizen.token())
                        .expect(200).json().get("objects"));
                assertThat(listed).containsAll(answered.keySet());
                // the killed process's segment claims expire first (the token store's claim timeout), then the
                // projection resumes from its last committed token
                await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(viewedUploads(api, citizen))
                        .doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(listed));
            } finally {
                gateway.destroy();
                if (!gateway.waitFor(20, TimeUnit.SECONDS)) {
                    gateway.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            }
        }
    }

    private static void upload(Api api, Citizen citizen, int client, AtomicBoolean running, Map<String, String> answered) {
        Random random = new Random(client);
        for (int i = 0; running.get() && i < 10_000; i++) {
            String name = "C" + client + "_" + i;
            byte[] record = new byte[16 * 1024 + random.nextInt(48 * 1024)];
            random.nextBytes(record);
            try {
                Api.Response response = api.upload("/citizen/upload", citizen.token(), name, record);
                if (response.status() == 201) {
                    answered.put(name, sha256(record));
                }
            } catch (RuntimeException connectionLost) {
                return;
            }
        }
    }

    private static Process startGateway(Map<String, String> environment, Api api) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), App.class.getName())
                .directory(new File(System.getProperty("user.dir")))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().keySet().removeIf(key -> key.startsWith("SEHR_"));
        builder.environment().putAll(environment);
        Process process = builder.start();
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions()
                .until(() -> process.isAlive() && api.get("/health/ready", null).status() == 200);
        return process;
    }

    private static List<String> viewedUploads(Api api, Citizen citizen) {
        JsonNode uploaded = api.get("/citizen/auditing", citizen.token()).expect(200).json().at("/auditing/hr_info/uploaded");
        List<String> viewed = new ArrayList<>();
        uploaded.forEach(line -> viewed.add(line.get("uploaded_hr").asText()));
        return viewed;
    }

    private static List<String> names(JsonNode array) {
        List<String> names = new ArrayList<>();
        array.forEach(name -> names.add(name.asText()));
        return names;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }


}
