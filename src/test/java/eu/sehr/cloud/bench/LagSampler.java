package eu.sehr.cloud.bench;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.HdrHistogram.Histogram;

/**
 * Samples the audit projection's lag behind the event store at a fixed rate while a load runs: in events
 * ({@code sehr_audit_projection_lag_events} of {@code GET /metrics}) and in time (the age of the oldest event not
 * yet projected, {@code sehr_audit_projection_lag_seconds}).
 */
final class LagSampler {

    static final String LAG_EVENTS = "sehr_audit_projection_lag_events";
    static final String LAG_SECONDS = "sehr_audit_projection_lag_seconds";

    /** The distributions of the samples, in events behind and in milliseconds behind. */
    record Result(Histogram eventsBehind, Histogram millisBehind, long failures, String firstFailure) {

        long samples() {
            return eventsBehind.getTotalCount();
        }

        /** {@code p50 / p99 / max} in events. */
        String events() {
            return summary(eventsBehind, 1, "%.0f");
        }

        /** {@code p50 / p99 / max} in seconds. */
        String seconds() {
            return summary(millisBehind, 1000, "%.2f");
        }

        private String summary(Histogram histogram, double divisor, String format) {
            if (histogram.getTotalCount() == 0) {
                return "no samples" + (firstFailure == null ? "" : " (" + firstFailure + ")");
            }
            return String.format(Locale.ROOT, format + " / " + format + " / " + format,
                    histogram.getValueAtPercentile(50) / divisor, histogram.getValueAtPercentile(99) / divisor,
                    histogram.getMaxValue() / divisor);
        }
    }

    private final GatewayClient gateway;
    private final Histogram eventsBehind = new Histogram(3);
    private final Histogram millisBehind = new Histogram(3);
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "bench-lag-sampler");
        thread.setDaemon(true);
        return thread;
    });
    private long failures;
    private String firstFailure;

    private LagSampler(GatewayClient gateway) {
        this.gateway = gateway;
    }

    static LagSampler start(GatewayClient gateway, Duration every) {
        LagSampler sampler = new LagSampler(gateway);
        sampler.timer.scheduleAtFixedRate(sampler::sample, 0, every.toNanos(), TimeUnit.NANOSECONDS);
        return sampler;
    }

    Result stop() throws InterruptedException {
        timer.shutdown();
        if (!timer.awaitTermination(30, TimeUnit.SECONDS)) {
            timer.shutdownNow();
        }
        synchronized (this) {
            return new Result(eventsBehind.copy(), millisBehind.copy(), failures, firstFailure);
        }
    }

    private void sample() {
        try {
            Map<String, Double> metrics = gateway.metrics();
            Double events = metrics.get(LAG_EVENTS);
            Double seconds = metrics.get(LAG_SECONDS);
            synchronized (this) {
                if (events != null && seconds != null) {
                    eventsBehind.recordValue(Math.max(0, Math.round(events)));
                    millisBehind.recordValue(Math.max(0, Math.round(seconds * 1000)));
                } else {
                    fail("no " + LAG_EVENTS + " or " + LAG_SECONDS + " in /metrics");
                }
            }
        } catch (RuntimeException e) {
            synchronized (this) {
                fail(e.getMessage());
            }
        }
    }

    private void fail(String reason) {
        failures++;
        if (firstFailure == null) {
            firstFailure = reason;
        }
    }
}
