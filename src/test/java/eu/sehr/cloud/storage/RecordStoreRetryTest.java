package eu.sehr.cloud.storage;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;

import eu.sehr.cloud.infra.embedded.EmbeddedObjectStorage;
import io.minio.MakeBucketArgs;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Reads of records over pooled connections that the S3 server (a real S3Proxy, behind a relay that can cut every
 * connection) closed while they were idle, and objects given up unread.
 */
class RecordStoreRetryTest {

    private static final String BUCKET = "retry-test";

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
    void should_read_the_record_on_a_fresh_connection_when_the_server_closed_the_pooled_one() throws Exception {
        byte[] record = bytes(4096);
        store.put("alice/LAB", new ByteArrayInputStream(record), record.length, "citizen");
        assertThat(read("alice/LAB")).isEqualTo(record);

        proxy.cutAll();
        int before = proxy.accepted();

        assertThat(read("alice/LAB")).isEqualTo(record);
        assertThat(proxy.accepted()).as("the retry opened a new connection").isEqualTo(before + 1);
    }

    @Test
    void should_retry_on_a_fresh_connection_when_every_pooled_connection_was_closed() throws Exception {
        byte[] record = bytes(4096);
        store.put("alice/LAB", new ByteArrayInputStream(record), record.length, "citizen");
        StoredObject first = store.open("alice/LAB").orElseThrow();
        StoredObject second = store.open("alice/LAB").orElseThrow();
        assertThat(StoredObjects.readAll(first)).isEqualTo(StoredObjects.readAll(second)).isEqualTo(record);
        proxy.cutAll();

        assertThat(read("alice/LAB")).isEqualTo(record);
    }

    @Test
    void should_answer_a_missing_record_as_missing_when_the_server_closed_the_pooled_connection() throws Exception {
        byte[] record = bytes(16);
        store.put("alice/LAB", new ByteArrayInputStream(record), record.length, "citizen");
        proxy.cutAll();

        assertThat(store.open("alice/NONE")).isEmpty();
    }

    @Test
    void should_close_the_storage_connection_when_an_open_object_is_discarded_unread() throws Exception {
        byte[] record = bytes(4 * 1024 * 1024);
        store.put("alice/LARGE", new ByteArrayInputStream(record), record.length, "citizen");
        long others = proxy.live(); // the put's pooled connection
        StoredObject opened = store.open("alice/LARGE").orElseThrow();
        assertThat(proxy.live()).as("the object's connection is open while it is").isEqualTo(others + 1);

        opened.discard();

        await().atMost(Duration.ofSeconds(5)).until(() -> proxy.live() == others);
    }

    @Test
    void should_answer_a_missing_object_as_missing_and_keep_serving() throws Exception {
        byte[] record = bytes(64);
        store.put("alice/LAB", new ByteArrayInputStream(record), record.length, "citizen");

        assertThat(store.open("alice/NONE")).isEmpty();
        assertThat(read("alice/LAB")).isEqualTo(record);
    }

    private byte[] read(String key) throws Exception {
        return StoredObjects.readAll(store.open(key).orElseThrow());
    }

    private static byte[] bytes(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }
}
