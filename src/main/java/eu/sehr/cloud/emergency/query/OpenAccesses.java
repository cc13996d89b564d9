package eu.sehr.cloud.emergency.query;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import eu.sehr.cloud.emergency.api.EmergencyEvents.EmergencyAccessEnded;
import eu.sehr.cloud.emergency.api.EmergencyEvents.EmergencyAccessGranted;
import eu.sehr.cloud.infra.Sql;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;

/** The emergency accesses that have not ended yet, kept in the same transaction as their events. */
@ProcessingGroup(OpenAccesses.PROCESSING_GROUP)
public class OpenAccesses {

    public static final String PROCESSING_GROUP = "open-emergency-accesses";

    private final Sql sql;

    public OpenAccesses(Sql sql) {
        this.sql = sql;
    }

    /** The accounts with an emergency access whose time has passed but whose end is not recorded yet. */
    public List<String> accountsWithExpiredAccess(Instant now) {
        return sql.list("SELECT DISTINCT account_id FROM open_emergency_access WHERE expires_at < ?",
                s -> s.setTimestamp(1, Timestamp.from(now)), row -> row.getString(1));
    }

    /**
     * Whether the access is still open at {@code now}: neither ended (its row is removed in the transaction that
     * records the end) nor expired. Read from the shared store, so an end holds on every replica once it returns.
     */
    public boolean isOpen(String accessId, Instant now) {
        return accessId != null && sql.first("SELECT 1 FROM open_emergency_access WHERE access_id = ? AND expires_at > ?",
                s -> {
                    s.setString(1, accessId);
                    s.setTimestamp(2, Timestamp.from(now));
                }, row -> true).isPresent();
    }

    @EventHandler
    void on(EmergencyAccessGranted event) {
        sql.update("INSERT INTO open_emergency_access (access_id, account_id, expires_at) VALUES (?, ?, ?) "
                + "ON CONFLICT (access_id) DO NOTHING", s -> {
            s.setString(1, event.accessId());
            s.setString(2, event.accountId());
            s.setTimestamp(3, Timestamp.from(event.expiresAt()));
        });
    }

    @EventHandler
    void on(EmergencyAccessEnded event) {
        sql.update("DELETE FROM open_emergency_access WHERE access_id = ?", s -> s.setString(1, event.accessId()));
    }
}
