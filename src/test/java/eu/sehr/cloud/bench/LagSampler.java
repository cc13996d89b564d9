package eu.sehr.cloud.bench;

import java.time.Duration;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.HdrHistogram.Histogram;

/**
 * Samples the audit projection's lag behind the event store ({@code sehr_audit_projection_lag_events} of
 * {@code GET /metrics}: events behind) at a fixed rate while a load runs.
 */
final class LagSampler {

    static final String LAG_METRIC = "sehr_audit_projection_lag_events";

    /** The distribution of the samples, in events behind. */
    record Result(Histogram eventsBehind, long failures, String firstFailure) {

        long samples() {
            return eventsBehind.getTotalCount();
        }

        /** {@code p50 / p99 / max} in events. */
        String summary() {
            if (samples() == 0) {
                return "no samples" + (firstFailure == null ? "" : " (" + firstFailure + ")");
            }
            return String.format(Locale.ROOT, "%d / %d / %d", eventsBehind.getValueAtPercentile(50),
                    eventsBehind.getValueAtPercentile(99), eventsBehind.getMaxValue());
        }
    }

    private final GatewayClient gateway;
    private final Histogram eventsBehind = new Histogram(3);
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
            return new Result(eventsBehind.copy(), failures, firstFailure);
        }
    }

    private void sample() {
        try {
            OptionalDouble lag = gateway.metric(LAG_METRIC);
            synchronized (this) {
                if (lag.isPresent()) {
                    eventsBehind.recordValue(Math.max(0, Math.round(lag.getAsDouble())));
                } else {
                    fail("no " + LAG_METRIC + " in /metrics");
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
