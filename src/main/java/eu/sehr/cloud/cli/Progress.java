package eu.sehr.cloud.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Progress of a long piece of work on standard error, in one of two forms: a bar redrawn in place on a terminal
 * (silent when the output is not one), for the operator commands; or a line with the rate so far at most once per
 * interval, for logs (the benchmark).
 */
public final class Progress {

    private static final int WIDTH = 40;

    private final PrintWriter err;
    private final String label;
    private final long everyNanos;
    private final boolean bar;
    private final long begin = System.nanoTime();
    private long lastShown = begin;
    private long done;
    private long total;
    private ScheduledExecutorService ticker;

    private Progress(PrintWriter err, String label, long total, Duration every, boolean bar) {
        this.err = err;
        this.label = label;
        this.total = Math.max(1, total);
        this.everyNanos = every.toNanos();
        this.bar = bar;
    }

    /** A bar of {@code total} steps on a terminal; nothing when the output is not one. */
    public static Progress bar(PrintWriter err, long total) {
        return new Progress(err, "", total, Duration.ZERO, true);
    }

    /** Lines {@code label: done of total after s (rate/s)}, at most one per {@code every}. */
    public static Progress lines(PrintWriter err, String label, long total, Duration every) {
        return new Progress(err, label, total, every, false);
    }

    /** Lines as above, shown by a daemon thread every interval from {@code done} until {@link #done()}. */
    public static Progress ticking(PrintWriter err, String label, long total, Duration every, LongSupplier done) {
        Progress progress = lines(err, label, total, every);
        progress.ticker = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "progress");
            thread.setDaemon(true);
            return thread;
        });
        progress.ticker.scheduleAtFixedRate(() -> progress.print(done.getAsLong()), every.toNanos(), every.toNanos(),
                TimeUnit.NANOSECONDS);
        return progress;
    }

    public synchronized void step() {
        at(done + 1);
    }

    /** {@code value} of the total is done: shown if a bar, or if the interval has passed since the last line. */
    public synchronized void at(long value) {
        done = value;
        long now = System.nanoTime();
        if (bar || now - lastShown >= everyNanos) {
            lastShown = now;
            print(value);
        }
    }

    /** As {@link #at(long)}, with a total that may have changed. */
    public synchronized void at(long value, long newTotal) {
        total = Math.max(1, newTotal);
        at(value);
    }

    /** Completes the bar (on a terminal) or stops the ticking lines. */
    public synchronized void done() {
        if (ticker != null) {
            ticker.shutdownNow();
        }
        if (bar && terminal()) {
            print(total);
            err.println();
        }
    }

    private synchronized void print(long value) {
        if (!bar) {
            double seconds = (System.nanoTime() - begin) / 1e9;
            err.printf("%s: %,d of %,d after %.0f s (%,.0f/s)%n", label, value, total, seconds, value / seconds);
            err.flush();
        } else if (terminal()) {
            int filled = (int) (WIDTH * Math.min(value, total) / total);
            err.print("\r[" + "#".repeat(filled) + " ".repeat(WIDTH - filled) + "] " + value + "/" + total);
            err.flush();
        }
    }

    private static boolean terminal() {
        return System.console() != null;
    }
}
