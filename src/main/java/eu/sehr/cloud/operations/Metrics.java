package eu.sehr.cloud.operations;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.apache.camel.CamelContext;

/**
 * {@code GET /metrics}: the Prometheus registry that Camel's route metrics write to (request counts and latencies
 * per route id), with the service's own meters: events appended, the audit projection's lag behind the event
 * store's head, and record bytes moved.
 */
public final class Metrics {

    /** Descriptions (Prometheus HELP) of the meters that Camel registers without one. */
    private static final Map<String, String> CAMEL_METER_HELP = Map.of(
            "app.info", "Camel's version, context name and runtime of this replica (always 1)",
            "camel.exchange.event.notifier", "time of exchanges sent to endpoints, by endpoint (Camel's event notifier)",
            "camel.routes.added", "routes added to the Camel context",
            "camel.routes.reloaded", "routes reloaded in the Camel context",
            "camel.routes.running", "routes running in the Camel context");

    private final Supplier<CamelContext> camel;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final List<DoubleSupplier> countedElsewhere = new CopyOnWriteArrayList<>();

    /** The Camel context may not be started yet: the registry is looked up when first needed. */
    public Metrics(Supplier<CamelContext> camel) {
        this.camel = camel;
    }

    /**
     * The registry for Camel to use (bound as {@code metricsRegistry} before Camel starts): Camel registers
     * {@code app.info} and a few route meters without a description, so Prometheus showed them without HELP; this
     * registry gives them one.
     */
    public static PrometheusMeterRegistry newRegistry() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        registry.config().meterFilter(new MeterFilter() {
            @Override
            public Meter.Id map(Meter.Id id) {
                String help = CAMEL_METER_HELP.get(id.getName());
                return help != null && (id.getDescription() == null || id.getDescription().isBlank())
                        ? new Meter.Id(id.getName(), Tags.of(id.getTags()), id.getBaseUnit(), help, id.getType())
                        : id;
            }
        });
        return registry;
    }

    public String scrape() {
        return registry().scrape();
    }

    public void gauge(String name, String description, DoubleSupplier value) {
        Gauge.builder(name, value::getAsDouble).description(description).register(registry());
    }

    /** A counter kept elsewhere (exported as {@code <name>_total}). */
    public void counter(String name, String description, DoubleSupplier total) {
        // Micrometer holds the counted object weakly: keep the supplier here, or it is collected and reads 0
        countedElsewhere.add(total);
        FunctionCounter.builder(name, total, DoubleSupplier::getAsDouble).description(description).register(registry());
    }

    /** Counts one answer by HTTP status ({@code sehr_http_responses_total{status="..."}}). */
    public void answered(int status) {
        counters.computeIfAbsent("status " + status, key -> Counter.builder("sehr_http_responses")
                        .description("HTTP answers by status, every endpoint and refusal included")
                        .tag("status", Integer.toString(status)).register(registry()))
                .increment();
    }

    public void count(String name, String description, long amount) {
        counters.computeIfAbsent(name, key -> Counter.builder(key).description(description).register(registry()))
                .increment(amount);
    }

    private PrometheusMeterRegistry registry() {
        return camel.get().getRegistry().findSingleByType(PrometheusMeterRegistry.class);
    }
}
