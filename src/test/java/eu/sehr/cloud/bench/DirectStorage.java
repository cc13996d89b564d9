package eu.sehr.cloud.bench;

import java.io.InputStream;

import io.minio.GetObjectArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.RemoveObjectArgs;

/**
 * The baseline: the service's own MinIO client talking straight to its S3 server (the embedded S3Proxy), with the
 * object arguments the gateway's record store uses, so that the difference is what the gateway adds.
 */
final class DirectStorage {

    private static final String STORED_TYPE = "application/octet-stream";

    private final MinioClient minio;
    private final String bucket;

    DirectStorage(MinioClient minio, String bucket) {
        this.minio = minio;
        this.bucket = bucket;
    }

    void put(String key, InputStream content, long size) throws Exception {
        try (content) {
            minio.putObject(PutObjectArgs.builder().bucket(bucket).object(key)
                    .stream(content, size, -1).contentType(STORED_TYPE).build());
        }
    }

    /** The object's bytes, streamed; the caller closes the stream. */
    InputStream open(String key) throws Exception {
        return minio.getObject(GetObjectArgs.builder().bucket(bucket).object(key).build());
    }

    /** Reads the object to its end; its length. */
    long read(String key) throws Exception {
        try (InputStream in = open(key)) {
            return Streams.drain(in, null);
        }
    }

    void remove(String key) {
        try {
            minio.removeObject(RemoveObjectArgs.builder().bucket(bucket).object(key).build());
        } catch (Exception e) {
            System.err.println("bench: could not remove " + key + ": " + e);
        }
    }
}
