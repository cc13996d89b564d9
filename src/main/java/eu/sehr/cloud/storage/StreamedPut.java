package eu.sehr.cloud.storage;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;

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

    private static final int CHUNK = 64 * 1024;

    private final ObjectStorage storage;
    private final SignedRequests signing;

    StreamedPut(ObjectStorage storage) {
        this.storage = storage;
        this.signing = new SignedRequests(storage);
    }

    /** Stores the object; an S3 error answer is an {@link IOException} naming its status, never the body's bytes. */
    void put(String bucket, String key, InputStream content, long size, String contentType, Map<String, String> metadata)
            throws IOException {
        HttpUrl url = signing.url(bucket, key);
        Map<String, String> headers = new LinkedHashMap<>();
        metadata.forEach((name, value) -> headers.put("x-amz-meta-" + name, value));
        Request.Builder request = new Request.Builder().url(url).put(new StreamBody(content, size, MediaType.get(contentType)));
        signing.headers("PUT", url, headers).forEach(request::header);
        try (Response response = storage.http().newCall(request.build()).execute()) {
            if (!response.isSuccessful()) {
                throw new IOException("object storage answered " + response.code() + " to a PUT");
            }
        }
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
