package eu.sehr.cloud.records.steps;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import eu.sehr.cloud.infra.embedded.EmbeddedObjectStorage;
import eu.sehr.cloud.records.query.RecordEntry;
import eu.sehr.cloud.security.Principal;
import eu.sehr.cloud.storage.CuttingProxy;
import eu.sehr.cloud.storage.ObjectStorage;
import eu.sehr.cloud.storage.RecordStore;
import io.minio.MakeBucketArgs;
import io.vertx.core.Vertx;
import org.axonframework.commandhandling.NoHandlerForCommandException;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * A download whose access is refused after its object was opened sends nothing and gives the object up: the
 * connection to storage (a real S3Proxy, behind a relay that counts connections) is closed, not left with a body on it.
 * The refusal here is Axon's own, a command bus with no handler.
 */
class DownloadRecordRefusalTest {

    private static final String BUCKET = "refusal-test";
    private static final Principal CITIZEN = Principal.citizen("alice", "0f8e4a52-6c1d-4c55-9d8e-2a7f3b9c1d20", "token-1");

    @TempDir
    Path dir;

    private EmbeddedObjectStorage s3;
    private CuttingProxy proxy;
    private Vertx vertx;
    private RecordStore store;

    @BeforeEach
    void start() throws Exception {
        s3 = EmbeddedObjectStorage.start(dir);
        proxy = new CuttingProxy(URI.create(s3.endpoint()).getPort());
        ObjectStorage storage = ObjectStorage.connect(proxy.url(), s3.accessKey(), s3.secretKey(), "us-east-1");
        storage.minio().makeBucket(MakeBucketArgs.builder().bucket(BUCKET).build());
        vertx = Vertx.vertx();
        store = new RecordStore(storage, vertx, BUCKET);
    }

    @AfterEach
    void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get();
        proxy.close();
        s3.close();
    }

    @Test
    void should_close_the_storage_connection_when_the_access_is_refused() {
        byte[] record = new byte[4 * 1024 * 1024];
        RecordEntry entry = new RecordEntry("alice", "LAB", record.length, "application/octet-stream", "00".repeat(32),
                Instant.now(), "v1", false);
        store.put(entry.storageKey(), new ByteArrayInputStream(record), record.length, "citizen");
        RecordAccess refusing = new RecordAccess(null, DefaultCommandGateway.builder()
                .commandBus(SimpleCommandBus.builder().build()).build(), Clock.systemUTC());
        DownloadRecord download = new DownloadRecord(null, store, refusing, null, bytes -> {
            throw new AssertionError("a refused download counts no bytes");
        });
        long others = proxy.live(); // the put's pooled connection
        Download opened = new Download(store.open(entry.storageKey()).orElseThrow(), entry);
        assertThat(proxy.live()).as("the object's connection is open while it is").isEqualTo(others + 1);

        assertThatThrownBy(() -> download.record(CITIZEN, opened)).isInstanceOf(NoHandlerForCommandException.class);

        await().atMost(Duration.ofSeconds(5)).until(() -> proxy.live() == others);
    }
}
