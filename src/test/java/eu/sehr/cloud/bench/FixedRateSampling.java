package eu.sehr.cloud.bench;

import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.HdrHistogram.Histogram;

/**
 * Takes one sample at a fixed rate on a daemon thread while a load runs, and counts the samples that failed (the
 * first failure's message is kept for the report). The samplers of the bench (projection lag, log lag) use it.
 */
final class FixedRateSampling {

    /** One sample; an exception counts as a failed sample. */
    @FunctionalInterface
    interface Sample {
        void take() throws Exception;
    }

    private final ScheduledExecutorService timer;
    private long failures;
    private String firstFailure;

    private FixedRateSampling(String threadName) {
        timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, threadName);
            thread.setDaemon(true);
            return thread;
        });
    }

    static FixedRateSampling start(String threadName, Duration every, Sample sample) {
        FixedRateSampling sampling = new FixedRateSampling(threadName);
        sampling.timer.scheduleAtFixedRate(() -> {
            try {
                sample.take();
            } catch (Exception e) {
                sampling.fail(e.getMessage());
            }
        }, 0, every.toNanos(), TimeUnit.NANOSECONDS);
        return sampling;
    }

    /** Stops sampling; no sample runs after it returns. */
    void stop() throws InterruptedException {
        timer.shutdown();
        if (!timer.awaitTermination(30, TimeUnit.SECONDS)) {
            timer.shutdownNow();
        }
    }

    synchronized void fail(String reason) {
        failures++;
        if (firstFailure == null) {
            firstFailure = reason;
        }
    }

    synchronized long failures() {
        return failures;
    }

    synchronized String firstFailure() {
        return firstFailure;
    }

    /** {@code p50 / p99 / max} of the histogram divided by {@code divisor}, each in {@code format}. */
    static String summary(Histogram histogram, double divisor, String format, String firstFailure) {
        if (histogram.getTotalCount() == 0) {
            return "no samples" + (firstFailure == null ? "" : " (" + firstFailure + ")");
        }
        return String.format(Locale.ROOT, format + " / " + format + " / " + format,
                histogram.getValueAtPercentile(50) / divisor, histogram.getValueAtPercentile(99) / divisor,
                histogram.getMaxValue() / divisor);
    }
}
