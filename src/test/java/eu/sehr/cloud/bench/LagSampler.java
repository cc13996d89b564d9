package eu.sehr.cloud.bench;

import java.time.Duration;
import java.util.Map;

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
            return FixedRateSampling.summary(eventsBehind, 1, "%.0f", firstFailure);
        }

        /** {@code p50 / p99 / max} in seconds. */
        String seconds() {
            return FixedRateSampling.summary(millisBehind, 1000, "%.2f", firstFailure);
        }

    }

    private final GatewayClient gateway;
    private final Histogram eventsBehind = new Histogram(3);
    private final Histogram millisBehind = new Histogram(3);
    private final FixedRateSampling sampling;

    private LagSampler(GatewayClient gateway, Duration every) {
        this.gateway = gateway;
        this.sampling = FixedRateSampling.start("bench-lag-sampler", every, this::sample);
    }

    static LagSampler start(GatewayClient gateway, Duration every) {
        return new LagSampler(gateway, every);
    }

    Result stop() throws InterruptedException {
        sampling.stop();
        synchronized (this) {
            return new Result(eventsBehind.copy(), millisBehind.copy(), sampling.failures(), sampling.firstFailure());
        }
    }

    private void sample() {
        Map<String, Double> metrics = gateway.metrics();
        Double events = metrics.get(LAG_EVENTS);
        Double seconds = metrics.get(LAG_SECONDS);
        if (events == null || seconds == null) {
            throw new IllegalStateException("no " + LAG_EVENTS + " or " + LAG_SECONDS + " in /metrics");
        }
        synchronized (this) {
            eventsBehind.recordValue(Math.max(0, Math.round(events)));
            millisBehind.recordValue(Math.max(0, Math.round(seconds * 1000)));
        }
    }
}
