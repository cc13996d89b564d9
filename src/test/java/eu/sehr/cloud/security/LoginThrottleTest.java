package eu.sehr.cloud.security;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import eu.sehr.cloud.infra.Sql;
import eu.sehr.cloud.infra.axon.JdbcTransactions;
import eu.sehr.cloud.infra.http.ApiException;
import eu.sehr.cloud.support.MovableClock;
import eu.sehr.cloud.support.RunningService;
import eu.sehr.cloud.support.RunningService.Started;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The throttle on the running service's PostgreSQL, with a clock the test moves: the window, success and pruning. */
@ExtendWith(RunningService.class)
class LoginThrottleTest {

    private static final Duration WINDOW = Duration.ofMinutes(15);

    private final Sql sql;
    private final JdbcTransactions transactions;
    private final MovableClock clock = new MovableClock(Instant.parse("2001-01-01T00:00:00Z"));
    private final String subject = "t-" + UUID.randomUUID();
    private final String client = "c-" + UUID.randomUUID();

    LoginThrottleTest(Started started) {
        transactions = new JdbcTransactions(started.service().stores().dataSource());
        sql = new Sql(transactions);
    }

    private LoginThrottle throttle(int perPair, int perClient, int perUsername) {
        return new LoginThrottle(transactions, sql, clock, new LoginLimits(perPair, perClient, perUsername, WINDOW));
    }

    @Test
    void should_refuse_once_the_pair_has_its_failures_and_allow_again_after_the_window() {
        LoginThrottle throttle = throttle(3, 1000, 1000);
        for (int i = 0; i < 3; i++) {
            throttle.begin(subject, client);
        }
        assertRefused(throttle);
        clock.move(WINDOW.plusSeconds(1));
        throttle.begin(subject, client);
    }

    @Test
    void should_not_count_refused_attempts() {
        LoginThrottle throttle = throttle(2, 1000, 1000);
        throttle.begin(subject, client);
        throttle.begin(subject, client);
        clock.move(Duration.ofMinutes(10));
        assertRefused(throttle);
        assertRefused(throttle);
        clock.move(Duration.ofMinutes(5).plusSeconds(1));
        throttle.begin(subject, client);
    }

    @Test
    void should_forget_the_pairs_failures_after_a_success_but_not_the_clients_other_failures() {
        LoginThrottle throttle = throttle(3, 3, 1000);
        throttle.begin("other-" + subject, client);
        throttle.begin(subject, client);
        throttle.succeeded(throttle.begin(subject, client));
        throttle.begin(subject, client);
        throttle.begin(subject, client);
        assertRefused(throttle);
    }

    @Test
    void should_prune_rows_past_the_window() {
        LoginThrottle throttle = throttle(5, 1000, 1000);
        throttle.begin(subject, client);
        clock.move(WINDOW.plusSeconds(1));
        throttle.begin("later-" + subject, "c-" + UUID.randomUUID());
        assertThat(sql.first("SELECT count(*) FROM login_failure WHERE subject = ?", s -> s.setString(1, subject),
                row -> row.getInt(1))).contains(0);
    }

    private void assertRefused(LoginThrottle throttle) {
        assertThatThrownBy(() -> throttle.begin(subject, client))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(429));
    }

}
