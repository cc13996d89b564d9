package eu.sehr.cloud.infra.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;

/**
 * A request body as a blocking {@link InputStream} for the worker thread that runs the route, fed by Vert.x's
 * event loop with back-pressure: the request is paused while more than {@value #HIGH_WATER} bytes wait, so an
 * upload of any size passes through bounded memory and never touches the disk. A client that sends more slowly
 * than the {@link MinimumRate} is cut off ({@link SlowBodyException}), so it holds the worker thread only briefly.
 */
public final class RequestBodyStream extends InputStream {

    private static final int HIGH_WATER = 4 * 1024 * 1024;
    private static final int LOW_WATER = 1024 * 1024;

    private final HttpServerRequest request;
    private final MinimumRate rate;
    private final long startNanos = System.nanoTime();
    private long received;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final ArrayDeque<Buffer> chunks = new ArrayDeque<>();
    private Buffer current;
    private int position;
    private long queued;
    private boolean ended;
    private boolean paused;
    private Throwable failure;

    public RequestBodyStream(HttpServerRequest request, MinimumRate rate) {
        this.request = request;
        this.rate = rate;
        request.handler(this::offer);
        request.endHandler(v -> finish(null));
        request.exceptionHandler(this::finish);
        request.resume();
    }

    private void offer(Buffer chunk) {
        lock.lock();
        try {
            chunks.add(chunk);
            queued += chunk.length();
            received += chunk.length();
            if (queued > HIGH_WATER && !paused) {
                paused = true;
                request.pause();
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void finish(Throwable cause) {
        lock.lock();
        try {
            ended = true;
            failure = cause;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] target, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        if (current == null || position >= current.length()) {
            if (!nextChunk()) {
                return -1;
            }
        }
        int n = Math.min(length, current.length() - position);
        current.getBytes(position, position + n, target, offset);
        position += n;
        return n;
    }

    private boolean nextChunk() throws IOException {
        lock.lock();
        try {
            while (chunks.isEmpty()) {
                if (ended) {
                    if (failure != null) {
                        throw new IncompleteBodyException("the request body could not be read", failure);
                    }
                    return false;
                }
                long wait = rate.deadlineNanos(startNanos, received) - System.nanoTime();
                if (wait <= 0 || !changed.await(wait, TimeUnit.NANOSECONDS) && chunks.isEmpty() && !ended) {
                    throw new SlowBodyException();
                }
            }
            if (!ended && rate.isBehind(startNanos, System.nanoTime(), received)) {
                throw new SlowBodyException();
            }
            current = chunks.poll();
            position = 0;
            queued -= current.length();
            if (paused && queued < LOW_WATER) {
                paused = false;
                request.resume();
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while reading the request body");
        } finally {
            lock.unlock();
        }
    }

    /** The client sends more slowly than the minimum rate: it is cut off (408), nothing is stored. */
    public static final class SlowBodyException extends IOException {
        private SlowBodyException() {
            super("the client sends the request body too slowly");
        }
    }

    /** The client closed the connection before the body's end: its fault, not a store's. */
    public static final class IncompleteBodyException extends IOException {
        private IncompleteBodyException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
