package eu.sehr.cloud.bench;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/** Progress of a long phase on standard error, at most once per interval, with the rate so far. */
final class Progress {

    private final String label;
    private final long everyNanos;
    private final long begin = System.nanoTime();
    private long lastShown = begin;
    private ScheduledExecutorService ticker;

    Progress(String label, Duration every) {
        this.label = label;
        this.everyNanos = every.toNanos();
    }

    /** Shows {@code done} of {@code total} by itself every interval until stopped. */
    static Progress ticking(String label, Duration every, long total, LongSupplier done) {
        Progress progress = new Progress(label, every);
        progress.ticker = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "bench-progress");
            thread.setDaemon(true);
            return thread;
        });
        progress.ticker.scheduleAtFixedRate(() -> progress.print(done.getAsLong(), total), every.toNanos(), every.toNanos(),
                TimeUnit.NANOSECONDS);
        return progress;
    }

    /** Shows the figures if the interval has passed since they were last shown. */
    synchronized void show(long done, long total) {
        long now = System.nanoTime();
        if (now - lastShown >= everyNanos) {
            lastShown = now;
            print(done, total);
        }
    }

    void stop() {
        if (ticker != null) {
            ticker.shutdownNow();
        }
    }

    private void print(long done, long total) {
        double seconds = (System.nanoTime() - begin) / 1e9;
        System.err.printf("bench: %s: %,d of %,d after %.0f s (%,.0f/s)%n", label, done, total, seconds, done / seconds);
    }
}
