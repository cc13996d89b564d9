package eu.sehr.cloud.account.steps;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import eu.sehr.cloud.infra.Sql;

/**
 * Decides which refusals of anonymous requests (no or unusable token) are stored as events: at most one summary
 * event per client address and minute, shared by every replica through PostgreSQL, so that a flood of anonymous
 * requests cannot grow the event store without bound. A memory of the minutes already taken spares the database
 * the repeats of one replica. Every refusal is still counted by the caller's metric.
 */
public final class AnonymousRefusals {

    private static final Duration KEEP_MINUTES_FOR = Duration.ofHours(1);

    private final Sql sql;
    private final Clock clock;
    private final Cache<String, Boolean> taken = Caffeine.newBuilder()
            .maximumSize(100_000)
            .expireAfterWrite(Duration.ofMinutes(2))
            .build();

    public AnonymousRefusals(Sql sql, Clock clock) {
        this.sql = sql;
        this.clock = clock;
    }

    /** The minute this refusal belongs to, when it is the first from this client in that minute (to be stored). */
    public Optional<Instant> firstOfMinute(String client) {
        Instant minute = clock.instant().truncatedTo(ChronoUnit.MINUTES);
        if (taken.asMap().putIfAbsent(client + " " + minute, Boolean.TRUE) != null) {
            return Optional.empty();
        }
        int inserted = sql.update("INSERT INTO anonymous_refusal_minute (client_address, minute) VALUES (?, ?) "
                + "ON CONFLICT DO NOTHING", s -> {
            s.setString(1, client);
            s.setTimestamp(2, Timestamp.from(minute));
        });
        if (inserted == 0) {
            return Optional.empty();
        }
        sql.update("DELETE FROM anonymous_refusal_minute WHERE minute < ?",
                s -> s.setTimestamp(1, Timestamp.from(minute.minus(KEEP_MINUTES_FOR))));
        return Optional.of(minute);
    }
}
