package eu.sehr.cloud.emergency.query;

import java.sql.Timestamp;

import eu.sehr.cloud.emergency.api.EmergencyEvents.DisputeDecided;
import eu.sehr.cloud.emergency.api.EmergencyEvents.EmergencyAccessEnded;
import eu.sehr.cloud.emergency.api.EmergencyEvents.EmergencyAccessGranted;
import eu.sehr.cloud.emergency.api.EmergencyEvents.EmergencyAccessReviewed;
import eu.sehr.cloud.emergency.api.EndReason;
import eu.sehr.cloud.infra.Sql;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;

/**
 * Every emergency access with its justification, its end, the citizen's review and the compliance officer's decision
 * (table {@code emergency_access}), kept in the same transaction as the events (a subscribing processor), so the
 * citizen's list and the dispute queue answer what was decided, on every replica, the moment it returns. Each write
 * sets values from its event only, so a repeated event changes nothing. Read by {@link EmergencyAccessReader}.
 */
@ProcessingGroup(EmergencyAccessLog.PROCESSING_GROUP)
public class EmergencyAccessLog {

    public static final String PROCESSING_GROUP = "emergency-access-log";

    private final Sql sql;

    public EmergencyAccessLog(Sql sql) {
        this.sql = sql;
    }

    @EventHandler
    void on(EmergencyAccessGranted event, EventMessage<?> message) {
        sql.update("INSERT INTO emergency_access (access_id, account_id, hco_name, hcp_name, justification, granted_on, "
                + "expires_on) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (access_id) DO NOTHING", s -> {
            s.setString(1, event.accessId());
            s.setString(2, event.accountId());
            s.setString(3, event.hcoName());
            s.setString(4, event.hcpName());
            s.setString(5, event.justification());
            s.setTimestamp(6, Timestamp.from(EventTimes.occurredAt(message)));
            s.setTimestamp(7, Timestamp.from(event.expiresAt()));
        });
    }

    /** An expired access ended when its time ran out, whenever the sweep recorded it. */
    @EventHandler
    void on(EmergencyAccessEnded event, EventMessage<?> message) {
        boolean expired = EndReason.EXPIRED.name().equals(event.reason());
        sql.update("UPDATE emergency_access SET ended_on = " + (expired ? "LEAST(expires_on, ?)" : "?")
                + ", end_reason = ? WHERE access_id = ?", s -> {
            s.setTimestamp(1, Timestamp.from(EventTimes.occurredAt(message)));
            s.setString(2, event.reason());
            s.setString(3, event.accessId());
        });
    }

    @EventHandler
    void on(EmergencyAccessReviewed event, EventMessage<?> message) {
        sql.update("UPDATE emergency_access SET review_verdict = ?, review_comment = ?, reviewed_on = ? WHERE access_id = ?",
                s -> {
                    s.setString(1, event.verdict().wire());
                    s.setString(2, event.comment());
                    s.setTimestamp(3, Timestamp.from(EventTimes.occurredAt(message)));
                    s.setString(4, event.accessId());
                });
    }

    @EventHandler
    void on(DisputeDecided event, EventMessage<?> message) {
        sql.update("UPDATE emergency_access SET decision = ?, decision_comment = ?, decided_on = ?, decided_by = ? "
                + "WHERE access_id = ?", s -> {
            s.setString(1, event.decision().wire());
            s.setString(2, event.comment());
            s.setTimestamp(3, Timestamp.from(EventTimes.occurredAt(message)));
            s.setString(4, event.auditor());
            s.setString(5, event.accessId());
        });
    }
}
