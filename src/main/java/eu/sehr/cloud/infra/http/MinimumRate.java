package eu.sehr.cloud.infra.http;

import java.time.Duration;

/**
 * The slowest a client may send or read a body: after a grace period, an average of at least so many bytes per
 * second since the transfer began. A client below it is cut off, so no worker thread waits on it for long.
 */
public record MinimumRate(Duration grace, long bytesPerSecond) {

    /** The contract's rule: at least 16 KiB/s on average after the first 10 s. */
    public static final MinimumRate CONTRACT = new MinimumRate(Duration.ofSeconds(10), 16 * 1024);

    /**
     * The moment (in {@link System#nanoTime()} terms) by which more than {@code bytes} must have moved for a transfer
     * that began at {@code startNanos}.
     */
    public long deadlineNanos(long startNanos, long bytes) {
        long earned = (long) (bytes * 1_000_000_000.0 / bytesPerSecond);
        return startNanos + Math.max(grace.toNanos(), earned);
    }

    /**
     * As {@link #deadlineNanos(long, long)}, but no later than one grace period after {@code nowNanos}: for a response,
     * whose bytes count as moved once the socket's buffers took them, a client that takes nothing for that long has
     * stalled even if the buffers made its average look good.
     */
    public long deadlineNanos(long startNanos, long bytes, long nowNanos) {
        return Math.min(deadlineNanos(startNanos, bytes), nowNanos + grace.toNanos());
    }

    /** True when {@code bytes} moved since {@code startNanos} are too few at {@code nowNanos}. */
    public boolean isBehind(long startNanos, long nowNanos, long bytes) {
        return nowNanos - deadlineNanos(startNanos, bytes) > 0;
    }
}
