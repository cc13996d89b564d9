package eu.sehr.cloud.storage;

import java.io.IOException;
import java.io.InputStream;
import java.time.ZonedDateTime;
import java.util.Map;

import io.minio.S3Escaper;
import io.minio.Signer;
import io.minio.Time;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okio.BufferedSink;

/**
 * One S3 PUT of a body whose length is known, streamed from the caller's stream straight to the socket: the bytes
 * are read once, not buffered in parts nor hashed a second time for the signature (SigV4 with
 * {@code UNSIGNED-PAYLOAD}; the service's own SHA-256 of the body is checked on the way). The S3 server makes the
 * object visible only when the whole body has arrived, so a stream that fails, even on its last byte, stores nothing.
 */
final class StreamedPut {

    private static final String UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD";
    private static final int CHUNK = 64 * 1024;

    private final ObjectStorage storage;

    StreamedPut(ObjectStorage storage) {
        this.storage = storage;
    }

    /** Stores the object; an S3 error answer is an {@link IOException} naming its status, never the body's bytes. */
    void put(String bucket, String key, InputStream content, long size, String contentType, Map<String, String> metadata)
            throws IOException {
        HttpUrl endpoint = storage.endpoint();
        HttpUrl url = endpoint.newBuilder().addPathSegment(bucket).addEncodedPathSegments(S3Escaper.encodePath(key)).build();
        Request.Builder request = new Request.Builder()
                .url(url)
                .header("Host", host(url))
                .header("x-amz-date", ZonedDateTime.now(Time.UTC).format(Time.AMZ_DATE_FORMAT))
                .header("x-amz-content-sha256", UNSIGNED_PAYLOAD)
                .put(new StreamBody(content, size, MediaType.get(contentType)));
        metadata.forEach((name, value) -> request.header("x-amz-meta-" + name, value));
        Request signed;
        try {
            signed = Signer.signV4S3(request.build(), storage.region(), storage.accessKey(), storage.secretKey(), UNSIGNED_PAYLOAD);
        } catch (java.security.GeneralSecurityException e) {
            throw new IOException("cannot sign the storage request", e);
        }
        try (Response response = storage.http().newCall(signed).execute()) {
            if (!response.isSuccessful()) {
                throw new IOException("object storage answered " + response.code() + " to a PUT");
            }
        }
    }

    private static String host(HttpUrl url) {
        return url.port() == HttpUrl.defaultPort(url.scheme()) ? url.host() : url.host() + ":" + url.port();
    }

    /** The caller's stream as a one-shot body of known length. */
    private static final class StreamBody extends RequestBody {

        private final InputStream content;
        private final long size;
        private final MediaType type;

        StreamBody(InputStream content, long size, MediaType type) {
            this.content = content;
            this.size = size;
            this.type = type;
        }

        @Override
        public MediaType contentType() {
            return type;
        }

        @Override
        public long contentLength() {
            return size;
        }

        @Override
        public boolean isOneShot() {
            return true;
        }

        @Override
        public void writeTo(BufferedSink sink) throws IOException {
            byte[] buffer = new byte[CHUNK];
            long left = size;
            while (left > 0) {
                int n = content.read(buffer, 0, (int) Math.min(buffer.length, left));
                if (n < 0) {
                    throw new IOException("the body ended before its length");
                }
                sink.write(buffer, 0, n);
                left -= n;
            }
            // the verifying stream checks the length and digest when it sees the end: let it before S3 has the body
            if (content.read(buffer, 0, 1) >= 0) {
                throw new IOException("the body is longer than its length");
            }
        }
    }
}
