package eu.sehr.cloud.security;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import eu.sehr.cloud.infra.Sql;
import eu.sehr.cloud.infra.http.ApiException;

/**
 * After {@code maxFailures} failed logins for one username within the window, further logins are refused with
 * 429 until the window has passed. Failures live in PostgreSQL, so every replica applies the same limit.
 */
public final class LoginThrottle {

    private final Sql sql;
    private final Clock clock;
    private final int maxFailures;
    private final Duration window;

    public LoginThrottle(Sql sql, Clock clock, int maxFailures, Duration window) {
        this.sql = sql;
        this.clock = clock;
        this.maxFailures = maxFailures;
        this.window = window;
    }

    public void check(String username) {
        Instant since = clock.instant().minus(window);
        int failures = sql.first("SELECT count(*) FROM login_failure WHERE subject = ? AND failed_at > ?",
                s -> {
                    s.setString(1, username);
                    s.setTimestamp(2, Timestamp.from(since));
                },
                row -> row.getInt(1)).orElse(0);
        if (failures >= maxFailures) {
            throw ApiException.tooManyRequests("too many failed logins; try again later");
        }
    }

    public void recordFailure(String username) {
        Instant now = clock.instant();
        sql.update("DELETE FROM login_failure WHERE subject = ? AND failed_at <= ?", s -> {
            s.setString(1, username);
            s.setTimestamp(2, Timestamp.from(now.minus(window)));
        });
        sql.update("INSERT INTO login_failure (subject, failed_at) VALUES (?, ?)", s -> {
            s.setString(1, username);
            s.setTimestamp(2, Timestamp.from(now));
        });
    }

    public void clear(String username) {
        sql.update("DELETE FROM login_failure WHERE subject = ?", s -> s.setString(1, username));
    }
}
