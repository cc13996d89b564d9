package eu.sehr.cloud.storage;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.Random;

import eu.sehr.cloud.infra.embedded.EmbeddedObjectStorage;
import io.minio.MakeBucketArgs;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** Reads of records over pooled connections that the S3 server (a real S3Proxy) closed while they were idle. */
class RecordStoreRetryTest {

    private static final String BUCKET = "retry-test";

    @TempDir
    Path dir;

    private EmbeddedObjectStorage s3;
    private CuttingProxy proxy;
    private RecordStore store;

    @BeforeEach
    void start() throws Exception {
        s3 = EmbeddedObjectStorage.start(dir);
        proxy = new CuttingProxy(URI.create(s3.endpoint()).getPort());
        ObjectStorage storage = ObjectStorage.connect(proxy.url(), s3.accessKey(), s3.secretKey(), "us-east-1");
        storage.minio().makeBucket(MakeBucketArgs.builder().bucket(BUCKET).build());
        store = new RecordStore(storage, BUCKET);
    }

    @AfterEach
    void stop() throws Exception {
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
        try (InputStream first = store.open("alice/LAB").orElseThrow();
                InputStream second = store.open("alice/LAB").orElseThrow()) {
            assertThat(first.readAllBytes()).isEqualTo(second.readAllBytes()).isEqualTo(record);
        }
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

    private byte[] read(String key) throws Exception {
        try (InputStream in = store.open(key).orElseThrow()) {
            return in.readAllBytes();
        }
    }

    private static byte[] bytes(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }
}
