package eu.sehr.cloud.operations;

import java.time.Duration;
import java.time.Instant;

import eu.sehr.cloud.audit.compliance.EventStoreReader;
import eu.sehr.cloud.audit.query.ProjectionFreshness;

/** The meters of the event store and the citizen audit view: events appended, and how far the view lags behind. */
public final class AuditMeters {

    private AuditMeters() {
    }

    public static void register(Metrics metrics, EventAppendCounter appended, EventStoreReader events,
                                ProjectionFreshness freshness) {
        metrics.counter("sehr_events_appended", "events appended to the event store by this replica", appended::appended);
        metrics.gauge("sehr_audit_projection_lag_events", "events the citizen audit view is behind the event store",
                () -> Math.max(0, events.headPosition() - Math.max(0, freshness.position().orElse(0))));
        metrics.gauge("sehr_audit_projection_lag_seconds", "age of the oldest event the citizen audit view has not projected",
                () -> events.appendedAfter(Math.max(0, freshness.position().orElse(0)))
                        .map(at -> Math.max(0, Duration.between(at, Instant.now()).toMillis()) / 1000.0).orElse(0.0));
    }
}
