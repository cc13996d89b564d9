package eu.sehr.cloud.infra;

import java.io.IOException;
import java.sql.SQLException;

import eu.sehr.cloud.infra.http.ApiException;
import eu.sehr.cloud.infra.http.Failures;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FailuresTest {

    private final Sql sql = new Sql(() -> {
        throw new SQLException("value too long for type character varying(32)", "22001");
    });

    @Test
    void should_keep_a_refusal_found_anywhere_in_the_cause_chain() {
        ApiException refusal = ApiException.forbidden("no");
        assertThat(Failures.classify(new RuntimeException(new IllegalStateException(refusal)))).isSameAs(refusal);
    }

    @Test
    void should_answer_400_for_a_value_the_database_refuses() {
        Throwable failure = catchFailure(() -> sql.update("INSERT", s -> { }));
        assertThat(failure).isInstanceOf(Sql.InvalidValue.class);
        assertThat(Failures.classify(failure).status()).isEqualTo(400);
        assertThat(Failures.classify(failure).getMessage()).doesNotContain("varying");
    }

    @Test
    void should_answer_503_for_unreachable_stores_and_500_for_anything_else() {
        assertThat(Failures.classify(new StoreUnavailableException("down", new IOException())).status()).isEqualTo(503);
        assertThat(Failures.classify(new RuntimeException(new SQLException("gone", "08006"))).status()).isEqualTo(503);
        ApiException unexpected = Failures.classify(new NullPointerException("secret detail"));
        assertThat(unexpected.status()).isEqualTo(500);
        assertThat(unexpected.getMessage()).doesNotContain("secret");
    }

    private static Throwable catchFailure(Runnable action) {
        try {
            action.run();
            return null;
        } catch (RuntimeException e) {
            return e;
        }
    }
}
