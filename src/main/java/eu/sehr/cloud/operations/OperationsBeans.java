package eu.sehr.cloud.operations;

import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;

/**
 * The beans of routes/api/operations.camel.yaml: liveness and readiness, and the metrics. (The registry that Camel's
 * own meters go to, {@code metricsRegistry}, is bound in infra/Service: Camel looks for it while it configures itself.)
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
}
