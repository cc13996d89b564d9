package eu.sehr.cloud.reliability;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import com.fasterxml.jackson.databind.JsonNode;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import eu.sehr.cloud.infra.embedded.EmbeddedMongoServer;
import eu.sehr.cloud.infra.embedded.EmbeddedObjectStorage;
import eu.sehr.cloud.infra.embedded.EmbeddedPostgresServer;
import eu.sehr.cloud.support.Api;
import eu.sehr.cloud.support.Api.Citizen;
import eu.sehr.cloud.support.EventRows;
import eu.sehr.cloud.support.RunningService;
import static eu.sehr.cloud.support.Resources.closeQuietly;
import eu.sehr.cloud.support.RunningService.Started;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * One service on stores started here, each of which the test stops under running requests and starts again on the
 * same port and data: MongoDB (the audit views, asynchronous: requests go on, the view catches up) and PostgreSQL
 * (the event store: requests are refused with 503 within seconds, and served again once it is back).
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class StoreFaultsTest {

    /** Hikari waits 4 s for a connection; the answer must come well before a client gives up. */
    private static final Duration REFUSAL_WITHIN = Duration.ofSeconds(6);

    @Test
    void should_serve_records_while_mongodb_is_down_and_catch_the_audit_view_up_without_losing_events() throws Exception {
        try (OwnStores stores = OwnStores.start(); Started service = stores.service()) {
            Api api = service.api();
            Citizen citizen = api.newCitizen();
            api.signConsent(citizen.token(), "cloud").expect(200);
            api.upload("/citizen/upload", citizen.token(), "BEFORE", bytes("before")).expect(201);
            assertThat(uploadedNames(api, citizen)).containsExactly("BEFORE");

            // uploads and downloads keep running while MongoDB goes away under them
            List<String> uploaded = new CopyOnWriteArrayList<>(List.of("BEFORE"));
            List<Integer> statuses = new CopyOnWriteArrayList<>();
            AtomicBoolean stop = new AtomicBoolean();
            CompletableFuture<Void> requests = CompletableFuture.runAsync(() -> {
                for (int i = 0; !stop.get(); i++) {
                    String name = "DURING" + i;
                    statuses.add(api.upload("/citizen/upload", citizen.token(), name, bytes("during " + i)).status());
                    uploaded.add(name);
                    statuses.add(api.get("/citizen/" + citizen.username() + "/" + name, citizen.token()).status());
                }
            });
            try {
                await().atMost(Duration.ofSeconds(10)).until(() -> statuses.size() >= 4);
                stores.stopMongo();
                int atStop = statuses.size();
                await().atMost(Duration.ofSeconds(20)).until(() -> statuses.size() >= atStop + 8 || requests.isDone());
            } finally {
                stop.set(true);
                requests.get(30, TimeUnit.SECONDS);
            }
            for (int i = 0; i < statuses.size(); i++) {
                assertThat(statuses.get(i)).as("request %d (uploads answer 201, downloads 200)", i).isEqualTo(i % 2 == 0 ? 201 : 200);
            }

            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                // still ready: requests work while the audit views lag (API.md, Operations)
                Api.Response ready = api.get("/health/ready", null).expect(200);
                assertThat(ready.json().get("status").asText()).isEqualTo("UP");
                assertThat(ready.json().at("/checks/mongodb").asText()).isEqualTo("DEGRADED");
            });
            api.upload("/citizen/upload", citizen.token(), "WHILE_DOWN", bytes("while down")).expect(201);
            uploaded.add("WHILE_DOWN");
            api.get("/citizen/" + citizen.username() + "/WHILE_DOWN", citizen.token()).expect(200);

            stores.restartMongo();
            EventRows events = new EventRows(service.service().stores().dataSource());
            String account = events.accountIdOf(citizen.username());
            await().atMost(Duration.ofSeconds(45)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                JsonNode hrInfo = api.get("/citizen/auditing", citizen.token()).expect(200).json().at("/auditing/hr_info");
                assertThat(hrInfo.get("uploaded").findValuesAsText("uploaded_hr")).containsExactlyInAnyOrderElementsOf(uploaded);
                assertThat(hrInfo.get("uploaded")).hasSize((int) count(events, account, "HealthRecordUploaded"));
                assertThat(hrInfo.get("downloaded")).hasSize((int) count(events, account, "HealthRecordDownloaded"));
            });
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                    api.get("/health/ready", null).expect(200).json().at("/checks/mongodb").asText()).isEqualTo("UP"));
        }
    }

    @Test
    void should_refuse_with_503_within_seconds_while_postgresql_is_down_and_serve_again_once_it_is_back() throws Exception {
        try (OwnStores stores = OwnStores.start(); Started service = stores.service()) {
            Api api = service.api();
            Citizen citizen = api.newCitizen();
            api.signConsent(citizen.token(), "cloud").expect(200);
            api.upload("/citizen/upload", citizen.token(), "BEFORE", bytes("before")).expect(201);

            stores.stopPostgres();
            assertTimeoutPreemptively(REFUSAL_WITHIN, () -> api.login(citizen.username(), citizen.password()).expectError(503));
            assertTimeoutPreemptively(REFUSAL_WITHIN,
                    () -> api.upload("/citizen/upload", citizen.token(), "DURING", bytes("during")).expectError(503));
            assertTimeoutPreemptively(REFUSAL_WITHIN,
                    () -> api.get("/citizen/" + citizen.username() + "/BEFORE", citizen.token()).expectError(503));
            assertTimeoutPreemptively(REFUSAL_WITHIN, () -> {
                Api.Response ready = api.get("/health/ready", null).expect(503);
                assertThat(ready.json().get("errorCode").asInt()).isEqualTo(503);
                assertThat(ready.json().get("msg").asText()).contains("postgres");
                assertThat(ready.json().at("/checks/postgres").asText()).isEqualTo("DOWN");
            });

            stores.restartPostgres();
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(
                    () -> api.login(citizen.username(), citizen.password()).expect(200));
            api.upload("/citizen/upload", citizen.token(), "AFTER", bytes("after")).expect(201);
            assertThat(api.get("/citizen/" + citizen.username() + "/BEFORE", citizen.token()).expect(200).body())
                    .isEqualTo(bytes("before"));
            assertThat(api.get("/citizen/buckets/" + citizen.username(), citizen.token()).expect(200).json().get("objects"))
                    .extracting(JsonNode::asText).containsExactly("AFTER", "BEFORE");
            EventRows events = new EventRows(service.service().stores().dataSource());
            assertThat(count(events, events.accountIdOf(citizen.username()), "HealthRecordUploaded"))
                    .as("the refused upload left no event").isEqualTo(2);
            await().atMost(Duration.ofSeconds(40)).untilAsserted(() -> api.get("/health/ready", null).expect(200));
        }
    }

    private static List<String> uploadedNames(Api api, Citizen citizen) {
        return api.get("/citizen/auditing", citizen.token()).expect(200).json().at("/auditing/hr_info/uploaded")
                .findValuesAsText("uploaded_hr");
    }

    private static long count(EventRows events, String account, String type) {
        return events.forAggregate(account).stream().filter(row -> row.simpleType().equals(type)).count();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * PostgreSQL, object storage and MongoDB started by the test in a temp dir, each stoppable and restartable on
     * the same port and data. EmbeddedMongoServer binds a free port only, so its restart uses mongo-java-server
     * directly, with the settings that class uses.
     */
    private static final class OwnStores implements AutoCloseable {

        private final Path dir;
        private final EmbeddedObjectStorage storage;
        private final int postgresPort;
        private final int mongoPort;
        private final String jdbcUrl;
        private final String postgresUser;
        private final String postgresPassword;
        private final String mongoUri;
        private EmbeddedPostgresServer postgres;
        private EmbeddedPostgresServer restartedPostgres;
        private EmbeddedMongoServer mongo;
        private MongoServer restartedMongo;

        private OwnStores(Path dir, EmbeddedPostgresServer postgres, EmbeddedObjectStorage storage, EmbeddedMongoServer mongo) {
            this.dir = dir;
            this.postgres = postgres;
            this.storage = storage;
            this.mongo = mongo;
            this.jdbcUrl = postgres.jdbcUrl();
            this.postgresUser = postgres.user();
            this.postgresPassword = postgres.password();
            this.mongoUri = mongo.uri();
            this.postgresPort = Integer.parseInt(jdbcUrl.replaceAll("^.*:(\\d+)/.*$", "$1"));
            this.mongoPort = Integer.parseInt(mongoUri.substring(mongoUri.lastIndexOf(':') + 1));
        }

        static OwnStores start() throws Exception {
            Path dir = RunningService.tempDir();
            EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start(dir.resolve("postgres"));
            EmbeddedObjectStorage storage = null;
            try {
                storage = EmbeddedObjectStorage.start(dir.resolve("s3"));
                return new OwnStores(dir, postgres, storage, EmbeddedMongoServer.start(dir.resolve("mongo.mv")));
            } catch (Exception | Error e) {
                closeQuietly(storage);
                closeQuietly(postgres);
                throw e;
            }
        }

        Started service() throws IOException {
            return Started.start(Files.createDirectories(dir.resolve("service")), Map.of(
                    "sehr.postgres.url", jdbcUrl,
                    "sehr.postgres.user", postgresUser,
                    "sehr.postgres.password", postgresPassword,
                    "sehr.s3.endpoint", storage.endpoint(),
                    "sehr.s3.access-key", storage.accessKey(),
                    "sehr.s3.secret-key", storage.secretKey(),
                    "sehr.mongodb.uri", mongoUri));
        }

        void stopMongo() {
            mongo.close();
            mongo = null;
        }

        /** Same port, same H2 file (what EmbeddedMongoServer.start does, but on a given port). */
        void restartMongo() {
            MongoServer server = new MongoServer(new H2Backend(dir.resolve("mongo.mv").toString()));
            server.bind("127.0.0.1", mongoPort);
            restartedMongo = server;
        }

        void stopPostgres() throws IOException {
            postgres.close();
            postgres = null;
        }

        /** Same port, same data directory. */
        void restartPostgres() throws IOException {
            restartedPostgres = EmbeddedPostgresServer.start(dir.resolve("postgres"), postgresPort);
        }

        @Override
        public void close() {
            closeQuietly(mongo);
            if (restartedMongo != null) {
                restartedMongo.shutdownNow();
            }
            closeQuietly(storage);
            closeQuietly(postgres);
            closeQuietly(restartedPostgres);
        }

    }
}
