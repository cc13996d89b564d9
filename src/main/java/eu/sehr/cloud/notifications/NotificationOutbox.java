package eu.sehr.cloud.notifications;

import java.sql.Timestamp;
import java.time.Instant;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import eu.sehr.cloud.audit.chain.HashChain;
import eu.sehr.cloud.emergency.api.EmergencyEvents.DisputeDecided;
import eu.sehr.cloud.emergency.api.EmergencyEvents.EmergencyAccessEnded;
import eu.sehr.cloud.emergency.api.EmergencyEvents.EmergencyAccessGranted;
import eu.sehr.cloud.infra.Sql;
import eu.sehr.cloud.infra.Times;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;

/**
 * Writes a notification for every emergency access granted, ended or decided into the outbox table, in the same
 * transaction as the event (a subscribing processor): either both are stored or neither, so no event goes
 * untold and no notification tells of an event that was not stored. {@link NotificationDelivery} sends them. The
 * notification's id is the event's id, so a repeated event writes nothing new.
 */
@ProcessingGroup(NotificationOutbox.PROCESSING_GROUP)
public class NotificationOutbox {

    public static final String PROCESSING_GROUP = "notification-outbox";

    private final Sql sql;
    private final ObjectMapper mapper;

    public NotificationOutbox(Sql sql, ObjectMapper mapper) {
        this.sql = sql;
        this.mapper = mapper;
    }

    @EventHandler
    void on(EmergencyAccessGranted event, EventMessage<?> message) {
        add(message, event.accountId(), event.accessId(), event.hcoName(), event.hcpName());
    }

    @EventHandler
    void on(EmergencyAccessEnded event, EventMessage<?> message) {
        add(message, event.accountId(), event.accessId(), event.hcoName(), event.hcpName());
    }

    @EventHandler
    void on(DisputeDecided event, EventMessage<?> message) {
        add(message, event.accountId(), event.accessId(), event.hcoName(), event.hcpName());
    }

    private void add(EventMessage<?> message, String accountId, String accessId, String hco, String hcp) {
        Instant at = occurredAt(message);
        Notification notification = new Notification(message.getIdentifier(), message.getPayloadType().getSimpleName(),
                usernameOf(accountId), accessId, hco, hcp, Times.iso(at));
        sql.update("INSERT INTO notification_outbox (id, body, created_at, next_attempt_at) VALUES (?, ?, ?, ?) "
                + "ON CONFLICT (id) DO NOTHING", s -> {
            s.setString(1, notification.id());
            s.setString(2, json(notification));
            s.setTimestamp(3, Timestamp.from(at));
            s.setTimestamp(4, Timestamp.from(at));
        });
    }

    private String usernameOf(String accountId) {
        return sql.first("SELECT username FROM account_history WHERE account_id = ?", s -> s.setString(1, accountId),
                row -> row.getString(1)).orElse(null);
    }

    private String json(Notification notification) {
        try {
            return mapper.writeValueAsString(notification);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a notification", e);
        }
    }

    private static Instant occurredAt(EventMessage<?> message) {
        Object occurredAt = message.getMetaData().get(HashChain.OCCURRED_AT);
        return occurredAt == null ? message.getTimestamp() : Instant.parse(occurredAt.toString());
    }
}
