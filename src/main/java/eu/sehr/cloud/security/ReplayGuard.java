package eu.sehr.cloud.security;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;

import eu.sehr.cloud.infra.Sql;
import eu.sehr.cloud.infra.http.ApiException;

/**
 * Refuses an HCO assertion whose {@code jti} was seen before. Seen ids are kept in PostgreSQL until the moment from
 * which the assertion is refused as expired anyway (the caller says when: {@code HcoAssertion.acceptableUntil}, its
 * {@code exp} plus the tolerated clock skew), so the guard holds across replicas and restarts and never forgets an id
 * that could still be accepted.
 */
public final class ReplayGuard {

    private final Sql sql;
    private final Clock clock;

    public ReplayGuard(Sql sql, Clock clock) {
        this.sql = sql;
        this.clock = clock;
    }

    /** Records the first use of {@code jti} by this issuer, remembered until {@code acceptableUntil}; 403 for a replay. */
    public void firstUse(String issuer, String jti, Instant acceptableUntil) {
        sql.update("DELETE FROM seen_assertion WHERE expires_at < ?", s -> s.setTimestamp(1, Timestamp.from(clock.instant())));
        try {
            sql.update("INSERT INTO seen_assertion (issuer, jti, expires_at) VALUES (?, ?, ?)", s -> {
                s.setString(1, issuer);
                s.setString(2, jti);
                s.setTimestamp(3, Timestamp.from(acceptableUntil));
            });
        } catch (Sql.ConstraintViolation e) {
            throw ApiException.forbidden("this assertion was already used (replayed jti)");
        }
    }
}
