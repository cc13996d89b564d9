package eu.sehr.cloud.audit.compliance;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import eu.sehr.cloud.infra.Sql;

/** The compliance officers the operator provisioned, with their password hashes. */
public final class AuditorDirectory {

    private final Sql sql;

    public AuditorDirectory(Sql sql) {
        this.sql = sql;
    }

    /** Adds an auditor, or replaces the password of an existing one; true when the auditor is new. */
    public boolean put(String username, String passwordHash) {
        boolean exists = passwordHash(username).isPresent();
        sql.update("INSERT INTO auditor_account (username, password_hash, created_at) VALUES (?, ?, now()) "
                + "ON CONFLICT (username) DO UPDATE SET password_hash = EXCLUDED.password_hash", s -> {
            s.setString(1, username);
            s.setString(2, passwordHash);
        });
        return !exists;
    }

    public Optional<String> passwordHash(String username) {
        return sql.first("SELECT password_hash FROM auditor_account WHERE username = ?", s -> s.setString(1, username),
                row -> row.getString(1));
    }

    /** Every auditor, by username. */
    public List<Auditor> list() {
        return sql.list("SELECT username, created_at FROM auditor_account ORDER BY username", s -> { },
                row -> new Auditor(row.getString(1), row.getTimestamp(2).toInstant()));
    }

    /** Removes an auditor; false when there was none of that name. */
    public boolean remove(String username) {
        return sql.update("DELETE FROM auditor_account WHERE username = ?", s -> s.setString(1, username)) > 0;
    }

    /** A provisioned auditor: the username and when it was first added. */
    public record Auditor(String username, Instant addedOn) {
    }
}
