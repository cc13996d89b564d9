package eu.sehr.cloud.security;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;

import eu.sehr.cloud.infra.Sql;
import eu.sehr.cloud.infra.http.ApiException;
import org.axonframework.common.transaction.TransactionManager;

/**
 * The login throttle, shared by every replica through PostgreSQL (table {@code login_failure}). A login is refused
 * with 429, before any password is checked, while the failures within the window reach one of the {@link LoginLimits}:
 * for its (username, client address) pair, for its client address across usernames, or for its username from all
 * clients. So a stranger's guesses lock only the stranger out, and a password spray stops at the client limit.
 * <p>
 * Checking and counting are one step: one transaction takes advisory locks on the client address and then on the
 * username (always in that order, so two logins cannot deadlock), counts, and records the attempt as a failure before
 * its password is checked. Concurrent guesses therefore get no more tries than sequential ones, and an attempt that
 * never finishes counts as failed. A success removes the failures of its pair.
 */
public final class LoginThrottle {

    /** Namespaces of {@code pg_advisory_xact_lock(int, int)}: one for client addresses, one for usernames. */
    private static final int CLIENT_LOCKS = 0x5E4C_0001;
    private static final int SUBJECT_LOCKS = 0x5E4C_0002;
    /** Rows past the window that one attempt removes, at most; each attempt adds one, so the table stays bounded. */
    private static final int PRUNE_BATCH = 100;

    private final TransactionManager transactions;
    private final Sql sql;
    private final Clock clock;
    private final LoginLimits limits;

    public LoginThrottle(TransactionManager transactions, Sql sql, Clock clock, LoginLimits limits) {
        this.transactions = transactions;
        this.sql = sql;
        this.clock = clock;
        this.limits = limits;
    }

    /** A login that passed the throttle and is counted as failed until {@link #succeeded(Attempt)}. */
    public record Attempt(String subject, String client) {
    }

    /**
     * Counts a login attempt of {@code subject} (the throttled name) from {@code client}, or refuses it with 429
     * when a limit is reached; a refused attempt is not counted.
     */
    public Attempt begin(String subject, String client) {
        Instant now = clock.instant();
        Timestamp since = Timestamp.from(now.minus(limits.window()));
        return transactions.fetchInTransaction(() -> {
            lock(CLIENT_LOCKS, client);
            lock(SUBJECT_LOCKS, subject);
            boolean refused = sql.first("""
                            SELECT count(*) FILTER (WHERE subject = ? AND client = ?), count(*) FILTER (WHERE client = ?),
                                   count(*) FILTER (WHERE subject = ?)
                            FROM login_failure WHERE (subject = ? OR client = ?) AND failed_at > ?""",
                    s -> {
                        s.setString(1, subject);
                        s.setString(2, client);
                        s.setString(3, client);
                        s.setString(4, subject);
                        s.setString(5, subject);
                        s.setString(6, client);
                        s.setTimestamp(7, since);
                    },
                    row -> limits.reachedBy(row.getLong(1), row.getLong(2), row.getLong(3))).orElse(false);
            if (refused) {
                throw ApiException.tooManyRequests("too many failed logins; try again later");
            }
            sql.update("INSERT INTO login_failure (subject, client, failed_at) VALUES (?, ?, ?)", s -> {
                s.setString(1, subject);
                s.setString(2, client);
                s.setTimestamp(3, Timestamp.from(now));
            });
            prune(since);
            return new Attempt(subject, client);
        });
    }

    /** The password was right: the failures of this (username, client) pair, this attempt's among them, are removed. */
    public void succeeded(Attempt attempt) {
        sql.update("DELETE FROM login_failure WHERE subject = ? AND client = ?", s -> {
            s.setString(1, attempt.subject());
            s.setString(2, attempt.client());
        });
    }

    private void lock(int namespace, String key) {
        sql.first("SELECT pg_advisory_xact_lock(?, hashtext(?))", s -> {
            s.setInt(1, namespace);
            s.setString(2, key);
        }, row -> Boolean.TRUE);
    }

    /** Removes rows past the window that no other transaction holds (never waits, so it cannot deadlock). */
    private void prune(Timestamp since) {
        sql.update("""
                DELETE FROM login_failure WHERE ctid IN (
                    SELECT ctid FROM login_failure WHERE failed_at <= ? LIMIT %d FOR UPDATE SKIP LOCKED)"""
                .formatted(PRUNE_BATCH), s -> s.setTimestamp(1, since));
    }
}
