package eu.sehr.cloud.infra.http;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

import eu.sehr.cloud.infra.StoreUnavailableException;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.streams.ReadStream;

/**
 * Relays a body of known length from a non-blocking source (a stored object as the storage client reads it) to the
 * HTTP response on the event loop: each buffer is handed on as it is, and the source is paused while the client's
 * socket is full (back-pressure). The route's worker thread only waits for the end. Camel then finds the response
 * ended and sends nothing more.
 * <p>
 * What ends a relay early resets the client's connection, so that no one takes a cut-off body for a whole one: a
 * client that reads more slowly than the {@link MinimumRate} or goes away ({@link ResponseStreamer.ClientStoppedReading},
 * the source is then abandoned), a source that fails or ends before, or goes past, the length
 * ({@link StoreUnavailableException}).
 */
public final class ResponseRelay {

    private static final int WRITE_QUEUE_BYTES = 1024 * 1024;

    private final Vertx vertx;
    private final HttpServerResponse response;
    private final ReadStream<Buffer> source;
    private final Runnable abandon;
    private final long length;
    private final CompletableFuture<Void> done = new CompletableFuture<>();
    private final long started = System.nanoTime();
    private long sent;
    /** The timer that cuts a client off while the source is paused on its full socket; -1 while flowing. */
    private long stallTimer = -1;

    private ResponseRelay(Vertx vertx, HttpServerResponse response, ReadStream<Buffer> source, Runnable abandon, long length) {
        this.vertx = vertx;
        this.response = response;
        this.source = source;
        this.abandon = abandon;
        this.length = length;
    }

    /**
     * Sends {@code length} bytes of the paused {@code source} with status 200 and the headers; {@code abandon} gives
     * the source up when the client does not take it all. Returns once the response has ended.
     */
    public static void relay(Vertx vertx, HttpServerResponse response, ReadStream<Buffer> source, Runnable abandon,
                             long length, String contentType, Map<String, String> headers) {
        response.setStatusCode(200);
        response.putHeader("Content-Type", contentType);
        response.putHeader("Content-Length", Long.toString(length));
        headers.forEach(response::putHeader);
        new ResponseRelay(vertx, response, source, abandon, length).run();
    }

    private void run() {
        // Netty's default (64 KiB) pauses and resumes the source for every piece or two it brings
        response.setWriteQueueMaxSize(WRITE_QUEUE_BYTES);
        response.drainHandler(v -> flowAgain());
        response.closeHandler(v -> clientFailed(new IOException("the client went away")));
        response.exceptionHandler(e -> clientFailed(new IOException("the client connection failed", e)));
        source.exceptionHandler(e -> sourceFailed("object storage failed while sending"));
        source.endHandler(v -> sourceEnded());
        source.handler(this::forward);
        source.resume();
        try {
            done.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            clientFailed(new IOException("interrupted while sending", e));
            done.join();
        } catch (ExecutionException e) {
            // done fails only with the runtime exceptions below
            throw (RuntimeException) e.getCause();
        }
    }

    private void forward(Buffer buffer) {
        sent += buffer.length();
        if (sent > length) {
            sourceFailed("object storage sent more bytes than the record has");
            return;
        }
        response.write(buffer);
        if (response.writeQueueFull()) {
            pause();
        }
    }

    private synchronized void pause() {
        source.pause();
        long delayNanos = MinimumRate.CONTRACT.deadlineNanos(started, sent, System.nanoTime()) - System.nanoTime();
        stallTimer = vertx.setTimer(Math.max(1, delayNanos / 1_000_000), this::stalled);
        if (!response.writeQueueFull()) {
            // drained between the write and the handler's turn: the drain handler may have found nothing to resume
            flowAgain();
        }
    }

    private synchronized void flowAgain() {
        if (stallTimer >= 0) {
            vertx.cancelTimer(stallTimer);
            stallTimer = -1;
            source.resume();
        }
    }

    private void stalled(long timer) {
        synchronized (this) {
            if (timer != stallTimer) {
                return;
            }
        }
        clientFailed(new IOException("the client reads too slowly or stopped reading"));
    }

    private void sourceEnded() {
        if (sent != length) {
            sourceFailed("object storage ended the object before its length");
            return;
        }
        response.end().onComplete(ended -> {
            if (ended.succeeded()) {
                done.complete(null);
            } else {
                clientFailed(new IOException("the client went away", ended.cause()));
            }
        });
    }

    private void clientFailed(IOException cause) {
        if (done.completeExceptionally(new ResponseStreamer.ClientStoppedReading(cause))) {
            response.reset();
            abandon.run();
        }
    }

    private void sourceFailed(String why) {
        if (done.completeExceptionally(new StoreUnavailableException(why, null))) {
            abandon.run();
            // once bytes are out the client must not take a cut-off body for a whole one; before, it gets the 503
            if (response.headWritten()) {
                response.reset();
            }
        }
    }
}
