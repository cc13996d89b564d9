package eu.sehr.cloud.storage;

import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import eu.sehr.cloud.infra.StoreUnavailableException;
import io.minio.ListObjectsArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.RemoveObjectArgs;
import io.minio.Result;
import io.minio.messages.Item;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The records' bytes in S3 object storage: streamed puts that the S3 server makes visible atomically when complete
 * (user metadata: date added, uploader kind), reads on Vert.x ({@link ObjectReads}), and through the MinIO client
 * listings and the removal of unreferenced versions (a deleted account's objects are removed by its route, with
 * camel-minio on the same client). What is known of each record (size, type, SHA-256) is in the {@code RecordCatalogue}.
 * Storage failures surface as {@link StoreUnavailableException} (503); a missing object as an empty optional.
 */
public final class RecordStore {

    private static final Logger LOG = LoggerFactory.getLogger(RecordStore.class);

    /** Part size of multipart uploads of unknown length: the memory one upload may hold at a time. */
    private static final long PART_SIZE = 16L * 1024 * 1024;
    private static final String STORED_TYPE = "application/octet-stream";
    private static final String DATE_ADDED = "date-added";
    private static final String UPLOADER = "uploader-kind";

    private final MinioClient minio;
    private final StreamedPut streamedPut;
    private final ObjectReads reads;
    private final String bucket;

    /** Reads go through {@code vertx}'s HTTP client, the one the API's server runs on. */
    public RecordStore(ObjectStorage storage, Vertx vertx, String bucket) {
        this.minio = storage.minio();
        this.streamedPut = new StreamedPut(storage);
        this.reads = new ObjectReads(vertx, storage, bucket);
        this.bucket = bucket;
    }

    /**
     * Stores the stream under the key; {@code size} is -1 when unknown. The caller's stream may abort the put by
     * failing. Objects are stored as opaque bytes: the Content-Type a client declared is kept in the catalogue (an
     * S3 server may treat a form type as a form, which a record is not). A known length is one streamed PUT; an
     * unknown one a multipart upload in parts of {@value #PART_SIZE} bytes.
     */
    public void put(String key, InputStream content, long size, String uploaderKind) {
        Map<String, String> metadata = Map.of(DATE_ADDED, Instant.now().toString(), UPLOADER, uploaderKind);
        try {
            if (size >= 0) {
                streamedPut.put(bucket, key, content, size, STORED_TYPE, metadata);
            } else {
                minio.putObject(PutObjectArgs.builder().bucket(bucket).object(key).stream(content, -1, PART_SIZE)
                        .contentType(STORED_TYPE).userMetadata(metadata).build());
            }
        } catch (Exception e) {
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                if (cause instanceof StreamRefusal refusal) {
                    throw refusal.refusal();
                }
            }
            throw unavailable(e);
        }
    }

    /**
     * The record's stored object, open (its body not yet read), or empty when it does not exist. The caller reads it
     * to the end or discards it. A GET is idempotent, so one that fails (typically on a pooled connection the S3
     * server had just closed) is tried once more before the request fails; the failed attempt's connection is closed.
     */
    public Optional<StoredObject> open(String key) {
        try {
            return reads.get(key);
        } catch (StoreUnavailableException first) {
            return reads.get(key);
        }
    }

    /** The names directly under the prefix, in the storage's (lexicographic) order. */
    public List<String> names(String prefix) {
        List<String> names = new ArrayList<>();
        try {
            for (Result<Item> result : minio.listObjects(ListObjectsArgs.builder().bucket(bucket).prefix(prefix).recursive(true).build())) {
                names.add(result.get().objectName().substring(prefix.length()));
            }
            return names;
        } catch (Exception e) {
            throw unavailable(e);
        }
    }

    private void remove(String key) {
        try {
            minio.removeObject(RemoveObjectArgs.builder().bucket(bucket).object(key).build());
        } catch (Exception e) {
            throw unavailable(e);
        }
    }

    /**
     * Removes an object that nothing references any more (a replaced version, an upload whose event was refused). A
     * failure only leaves an unreferenced object behind, which no request reads: it is logged, not thrown.
     */
    public void discard(String key) {
        try {
            remove(key);
        } catch (StoreUnavailableException e) {
            LOG.warn("An unreferenced object could not be removed from storage and is left behind: {}", key);
        }
    }

    private static StoreUnavailableException unavailable(Exception e) {
        return new StoreUnavailableException("object storage is unavailable", e);
    }
}
