package eu.sehr.cloud.notifications;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import eu.sehr.cloud.infra.Sql;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bean that the delivery route ({@code routes/api/notifications.camel.yaml}) calls: it claims the notifications
 * that are due from the outbox (shared by every replica: a claimed row is leased, so two replicas do not send it at
 * the same time, and a replica that dies mid-send leaves it to be sent again after the lease), then settles each:
 * delivered (removed) or failed (tried again after a back-off, or given up once {@code sehr.notify.retry-for} has
 * passed). Logs name the notification id and the kind of failure, never the body.
 */
public final class NotificationDelivery {

    private static final Logger LOG = LoggerFactory.getLogger(NotificationDelivery.class);
    private static final int BATCH = 50;

    private final Sql sql;
    private final RetryPolicy retries;
    private final Duration lease;
    private final Clock clock;
    private final boolean enabled;
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong givenUp = new AtomicLong();

    /** @param enabled whether {@code sehr.notify.endpoint} is set: without it nothing is claimed */
    public NotificationDelivery(Sql sql, RetryPolicy retries, Duration lease, Clock clock, boolean enabled) {
        this.sql = sql;
        this.retries = retries;
        this.lease = lease;
        this.clock = clock;
        this.enabled = enabled;
    }

    /**
     * The notifications due now, each leased to this replica: a list of {@code {"id": ..., "body": ...}} (the body
     * the exact JSON to send).
     */
    public List<Map<String, String>> due() {
        if (!enabled) {
            return List.of();
        }
        Instant now = clock.instant();
        return sql.list("UPDATE notification_outbox SET attempts = attempts + 1, next_attempt_at = ? WHERE id IN ("
                        + "SELECT id FROM notification_outbox WHERE given_up_at IS NULL AND next_attempt_at <= ? "
                        + "ORDER BY next_attempt_at LIMIT " + BATCH + " FOR UPDATE SKIP LOCKED) RETURNING id, body",
                s -> {
                    s.setTimestamp(1, Timestamp.from(now.plus(lease)));
                    s.setTimestamp(2, Timestamp.from(now));
                },
                row -> Map.of("id", row.getString(1), "body", row.getString(2)));
    }

    public void delivered(String id) {
        sql.update("DELETE FROM notification_outbox WHERE id = ?", s -> s.setString(1, id));
        delivered.incrementAndGet();
    }

    /** The delivery failed: try again after the back-off, or give up when the notification is too old. */
    public void failed(String id, Exception failure) {
        failed.incrementAndGet();
        Instant now = clock.instant();
        Attempts attempts = sql.first("SELECT attempts, created_at FROM notification_outbox WHERE id = ?",
                s -> s.setString(1, id), row -> new Attempts(row.getInt(1), row.getTimestamp(2).toInstant())).orElse(null);
        if (attempts == null) {
            return;
        }
        if (!retries.stillTrying(attempts.createdAt(), now)) {
            sql.update("UPDATE notification_outbox SET given_up_at = ? WHERE id = ?", s -> {
                s.setTimestamp(1, Timestamp.from(now));
                s.setString(2, id);
            });
            givenUp.incrementAndGet();
            LOG.error("Notification {} given up after {} attempts over {} ({})", id, attempts.count(),
                    retries.retryFor(), kindOf(failure));
            return;
        }
        Duration backoff = retries.backoffAfter(attempts.count());
        sql.update("UPDATE notification_outbox SET next_attempt_at = ? WHERE id = ?", s -> {
            s.setTimestamp(1, Timestamp.from(now.plus(backoff)));
            s.setString(2, id);
        });
        LOG.warn("Notification {} not delivered (attempt {}: {}); next attempt in {}", id, attempts.count(),
                kindOf(failure), backoff);
    }

    /** Notifications still to be delivered (given-up ones not counted). */
    public long pending() {
        return sql.first("SELECT count(*) FROM notification_outbox WHERE given_up_at IS NULL", s -> { },
                row -> row.getLong(1)).orElse(0L);
    }

    public long deliveredCount() {
        return delivered.get();
    }

    public long failedCount() {
        return failed.get();
    }

    public long givenUpCount() {
        return givenUp.get();
    }

    /** What went wrong, without a body, URI or credentials: the exception's class and an HTTP status if any. */
    private static String kindOf(Exception failure) {
        if (failure == null) {
            return "unknown failure";
        }
        return failure instanceof HttpOperationFailedException http
                ? "HTTP status " + http.getStatusCode()
                : failure.getClass().getSimpleName();
    }

    private record Attempts(int count, Instant createdAt) {
    }
}
