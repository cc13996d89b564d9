package eu.sehr.cloud.notifications;

import java.time.Clock;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import eu.sehr.cloud.infra.Settings;
import eu.sehr.cloud.infra.Sql;
import eu.sehr.cloud.operations.Metrics;
import eu.sehr.cloud.security.DetachedSignatures;
import eu.sehr.cloud.security.SigningKey;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;

/**
 * The wiring of notifications: the outbox writer (a synchronous handler, only when {@code sehr.notify.endpoint} is
 * set, so nothing piles up unsent), the beans that routes/api/notifications.camel.yaml names, and their metrics.
 */
public final class NotificationBeans implements CamelConfiguration {

    private final boolean enabled;
    private final Sql sql;
    private final ObjectMapper mapper;
    private final NotificationDelivery delivery;
    private final SigningKey signingKey;

    public NotificationBeans(Settings settings, Sql sql, ObjectMapper mapper, Clock clock, SigningKey signingKey) {
        this.signingKey = signingKey;
        this.enabled = settings.find("sehr.notify.endpoint").filter(endpoint -> !endpoint.isBlank()).isPresent();
        this.sql = sql;
        this.mapper = mapper;
        this.delivery = new NotificationDelivery(sql, new RetryPolicy(settings.getDuration("sehr.notify.initial-backoff"),
                settings.getDuration("sehr.notify.max-backoff"), settings.getDuration("sehr.notify.retry-for")),
                settings.getDuration("sehr.notify.lease"), clock, enabled);
    }

    public List<Object> synchronousHandlers() {
        return enabled ? List.of(new NotificationOutbox(sql, mapper)) : List.of();
    }

    @BindToRegistry
    public NotificationDelivery notificationDelivery() {
        return delivery;
    }

    @BindToRegistry
    public DetachedSignatures notificationSignatures() {
        return new DetachedSignatures(signingKey);
    }

    public void registerMetrics(Metrics metrics) {
        metrics.counter("sehr_notifications_delivered", "notifications the endpoint accepted", delivery::deliveredCount);
        metrics.counter("sehr_notifications_failed", "failed notification deliveries (each is tried again later)",
                delivery::failedCount);
        metrics.counter("sehr_notifications_given_up", "notifications given up after sehr.notify.retry-for",
                delivery::givenUpCount);
        metrics.gauge("sehr_notifications_pending", "notifications waiting to be delivered",
                () -> enabled ? delivery.pending() : 0);
    }
}
