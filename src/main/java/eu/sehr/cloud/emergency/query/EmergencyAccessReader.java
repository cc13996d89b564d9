package eu.sehr.cloud.emergency.query;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import eu.sehr.cloud.emergency.api.EndReason;
import eu.sehr.cloud.emergency.query.EmergencyAccessViews.AccessView;
import eu.sehr.cloud.emergency.query.EmergencyAccessViews.AuditorDecisionView;
import eu.sehr.cloud.emergency.query.EmergencyAccessViews.DecisionView;
import eu.sehr.cloud.emergency.query.EmergencyAccessViews.DisputeView;
import eu.sehr.cloud.emergency.query.EmergencyAccessViews.ReviewView;
import eu.sehr.cloud.infra.Sql;
import eu.sehr.cloud.infra.Times;

/**
 * Reads the table that {@link EmergencyAccessLog} keeps: a citizen's accesses newest first, the dispute queue oldest
 * first, and which account an access belongs to. An access whose time has run out shows as ended by expiry even
 * before the sweep records it.
 */
public final class EmergencyAccessReader {

    private static final String COLUMNS = "access_id, hco_name, hcp_name, justification, granted_on, expires_on, "
            + "ended_on, end_reason, review_verdict, review_comment, reviewed_on, decision, decision_comment, decided_on, "
            + "decided_by";

    private final Sql sql;

    public EmergencyAccessReader(Sql sql) {
        this.sql = sql;
    }

    /** The account's accesses, newest first, as they stand at {@code now}. */
    public List<AccessView> ofAccount(String accountId, Instant now) {
        return sql.list("SELECT " + COLUMNS + " FROM emergency_access WHERE account_id = ? "
                        + "ORDER BY granted_on DESC, access_id DESC",
                s -> s.setString(1, accountId), row -> access(row, now));
    }

    /**
     * For the citizen's audit: the present state of each of the account's accesses by access id, with the fields
     * {@code ended_on}, {@code end_reason}, {@code review} and {@code decision} (null while there is none).
     */
    public Map<String, Map<String, Object>> auditStatesOf(String accountId, Instant now) {
        Map<String, Map<String, Object>> states = new HashMap<>();
        for (AccessView access : ofAccount(accountId, now)) {
            Map<String, Object> state = new HashMap<>();
            state.put("ended_on", access.endedOn());
            state.put("end_reason", access.endReason());
            state.put("review", access.review());
            state.put("decision", access.decision());
            states.put(access.accessId(), state);
        }
        return states;
    }

    /** The account an access belongs to, if the access exists. */
    public Optional<String> accountOf(String accessId) {
        return sql.first("SELECT account_id FROM emergency_access WHERE access_id = ?", s -> s.setString(1, accessId),
                row -> row.getString(1));
    }

    /** Disputed accesses awaiting a decision ({@code decided} false) or decided, oldest dispute first. */
    public List<DisputeView> disputes(boolean decided) {
        return sql.list("SELECT " + COLUMNS + ", h.username, e.account_id FROM emergency_access e "
                        + "LEFT JOIN account_history h ON h.account_id = e.account_id "
                        + "WHERE e.review_verdict = 'disputed' AND e.decision IS " + (decided ? "NOT NULL" : "NULL")
                        + " ORDER BY e.reviewed_on, e.access_id",
                s -> { }, EmergencyAccessReader::dispute);
    }

    private static AccessView access(ResultSet row, Instant now) throws SQLException {
        Instant expiresOn = instant(row, "expires_on");
        Instant endedOn = instant(row, "ended_on");
        String endReason = row.getString("end_reason");
        if (endedOn == null && !expiresOn.isAfter(now)) {
            endedOn = expiresOn;
            endReason = EndReason.EXPIRED.name();
        }
        return new AccessView(row.getString("access_id"), row.getString("hco_name"), row.getString("hcp_name"),
                row.getString("justification"), iso(row, "granted_on"), Times.iso(expiresOn),
                endedOn == null ? null : Times.iso(endedOn), endReason, review(row), decision(row));
    }

    private static DisputeView dispute(ResultSet row) throws SQLException {
        AuditorDecisionView decision = row.getString("decision") == null ? null : new AuditorDecisionView(
                row.getString("decision"), row.getString("decision_comment"), iso(row, "decided_on"),
                row.getString("decided_by"));
        return new DisputeView(row.getString("username"), row.getString("access_id"), row.getString("hco_name"),
                row.getString("hcp_name"), row.getString("justification"), iso(row, "granted_on"),
                row.getString("review_comment"), iso(row, "reviewed_on"), decision);
    }

    private static ReviewView review(ResultSet row) throws SQLException {
        return row.getString("review_verdict") == null ? null : new ReviewView(row.getString("review_verdict"),
                row.getString("review_comment"), iso(row, "reviewed_on"));
    }

    private static DecisionView decision(ResultSet row) throws SQLException {
        return row.getString("decision") == null ? null : new DecisionView(row.getString("decision"),
                row.getString("decision_comment"), iso(row, "decided_on"));
    }

    private static Instant instant(ResultSet row, String column) throws SQLException {
        Timestamp value = row.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }

    private static String iso(ResultSet row, String column) throws SQLException {
        Instant value = instant(row, column);
        return value == null ? null : Times.iso(value);
    }
}
