package eu.sehr.cloud.infra.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;

/**
 * Writes an export of unknown length (chunked) to the client straight through Vert.x from the route's worker thread,
 * in large pieces with the response's back-pressure, instead of Camel's default of 4 KiB pieces each handed to the
 * event loop. Camel then finds the response ended and sends nothing more. A client that reads more slowly than the
 * {@link MinimumRate} is cut off (the connection is reset), so a slow reader holds the worker only briefly.
 */
public final class ResponseStreamer {

    private static final int PIECE_BYTES = 256 * 1024;

    private ResponseStreamer() {
    }

    public static void write(HttpServerResponse response, InputStream content, String contentType) {
        long started = System.nanoTime();
        long sent = 0;
        try (content) {
            response.setStatusCode(200);
            response.putHeader("Content-Type", contentType);
            response.setChunked(true);
            byte[] piece = new byte[PIECE_BYTES];
            for (int n = content.readNBytes(piece, 0, piece.length); n > 0; n = content.readNBytes(piece, 0, piece.length)) {
                awaitDrain(response, MinimumRate.CONTRACT.deadlineNanos(started, sent, System.nanoTime()));
                response.write(Buffer.buffer(n).appendBytes(piece, 0, n));
                sent += n;
            }
            response.end();
        } catch (IOException e) {
            response.reset();
            throw new ClientStoppedReading(e);
        } catch (RuntimeException e) {
            // the source failed (a store): once bytes are out, the client must not take a cut-off body for a whole one
            if (response.headWritten()) {
                response.reset();
            }
            throw e;
        }
    }

    /** The client went away or read too slowly: the response was cut off, by its fault, not a store's. */
    public static final class ClientStoppedReading extends UncheckedIOException {
        ClientStoppedReading(IOException cause) {
            super("the client stopped reading the response", cause);
        }
    }

    private static void awaitDrain(HttpServerResponse response, long deadlineNanos) throws IOException {
        if (!response.writeQueueFull()) {
            return;
        }
        CompletableFuture<Void> drained = new CompletableFuture<>();
        response.drainHandler(v -> drained.complete(null));
        response.closeHandler(v -> drained.completeExceptionally(new IOException("the client went away")));
        if (!response.writeQueueFull()) {
            return;
        }
        try {
            drained.get(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while sending", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IOException("the client reads too slowly or stopped reading", e);
        }
    }
}
