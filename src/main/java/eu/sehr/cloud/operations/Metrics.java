package eu.sehr.cloud.operations;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.apache.camel.CamelContext;

/**
 * {@code GET /metrics}: the Prometheus registry that Camel's route metrics write to (request counts and latencies
 * per route id), with the service's own meters: events appended, the audit projection's lag behind the event
 * store's head, and record bytes moved.
 */
public final class Metrics {

    private final Supplier<CamelContext> camel;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    /** The Camel context may not be started yet: the registry is looked up when first needed. */
    public Metrics(Supplier<CamelContext> camel) {
        this.camel = camel;
    }

    public String scrape() {
        return registry().scrape();
    }

    public void gauge(String name, String description, DoubleSupplier value) {
        Gauge.builder(name, value::getAsDouble).description(description).register(registry());
    }

    public void count(String name, String description, long amount) {
        counters.computeIfAbsent(name, key -> Counter.builder(key).description(description).register(registry()))
                .increment(amount);
    }

    private PrometheusMeterRegistry registry() {
        return camel.get().getRegistry().findSingleByType(PrometheusMeterRegistry.class);
    }
}
