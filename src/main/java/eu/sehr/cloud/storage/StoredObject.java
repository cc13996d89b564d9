package eu.sehr.cloud.storage;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.streams.ReadStream;

/**
 * A stored object opened for reading: the S3 server's answer to a GET, its head received and its body not yet read
 * (paused). Whoever opened it either reads its body to the end or discards it.
 */
public final class StoredObject {

    private final HttpClientRequest request;
    private final HttpClientResponse response;

    StoredObject(HttpClientRequest request, HttpClientResponse response) {
        this.request = request;
        this.response = response;
    }

    /** The object's bytes as Vert.x buffers, paused until the reader resumes it; it fails if storage fails mid-body. */
    public ReadStream<Buffer> body() {
        return response;
    }

    /**
     * Gives the object up unread or half read: the connection under it is closed (an HTTP/1.1 stream cannot be
     * abandoned otherwise), so no connection with a body still on it goes back to the pool.
     */
    public void discard() {
        request.reset();
    }
}
