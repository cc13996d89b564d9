package eu.sehr.cloud.operations;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;

/**
 * The beans of routes/api/operations.camel.yaml: liveness and readiness, the metrics, and the registry Camel's own
 * route metrics go to ({@code metricsRegistry}).
 */
public final class OperationsBeans implements CamelConfiguration {

    private final Readiness readiness;
    private final Metrics metrics;

    public OperationsBeans(Readiness readiness, Metrics metrics) {
        this.readiness = readiness;
        this.metrics = metrics;
    }

    @BindToRegistry
    public HealthSteps healthSteps() {
        return new HealthSteps(readiness);
    }

    @BindToRegistry
    public Metrics metrics() {
        return metrics;
    }

    @BindToRegistry
    public PrometheusMeterRegistry metricsRegistry() {
        return Metrics.newRegistry();
    }
}
