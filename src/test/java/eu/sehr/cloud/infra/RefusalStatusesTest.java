package eu.sehr.cloud.infra;

import java.util.Map;

import eu.sehr.cloud.domain.AccessEnded;
import eu.sehr.cloud.domain.AccountGone;
import eu.sehr.cloud.domain.AlreadyDone;
import eu.sehr.cloud.domain.ConsentMissing;
import eu.sehr.cloud.domain.InvalidRequest;
import eu.sehr.cloud.domain.NotFound;
import eu.sehr.cloud.domain.NotOwner;
import eu.sehr.cloud.domain.Refusal;
import eu.sehr.cloud.infra.http.ApiException;
import eu.sehr.cloud.infra.http.Failures;
import org.axonframework.commandhandling.CommandExecutionException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Each domain refusal answers the contract's status with its own message, also when Axon wraps it. */
class RefusalStatusesTest {

    private static final Map<Refusal, Integer> STATUSES = Map.of(
            new InvalidRequest("size is required"), 400,
            new AccountGone("the account no longer exists"), 401,
            new AccessEnded("the emergency access has ended"), 401,
            new ConsentMissing("the cloud consent has not been given"), 403,
            new NotOwner("this bucket belongs to someone else"), 403,
            new NotFound("no such emergency access"), 404,
            new AlreadyDone("this dispute has already been decided"), 409);

    @Test
    void should_answer_each_refusal_with_its_status_and_message() {
        STATUSES.forEach((refusal, status) -> {
            ApiException answer = Failures.classify(refusal);
            assertThat(answer.status()).as(refusal.getClass().getSimpleName()).isEqualTo(status);
            assertThat(answer.getMessage()).isEqualTo(refusal.getMessage());
        });
    }

    @Test
    void should_answer_the_same_when_the_command_bus_wraps_the_refusal() {
        Refusal refusal = new ConsentMissing("the citizen's HCO consent is not active");
        ApiException answer = Failures.classify(new CommandExecutionException("command failed", refusal));
        assertThat(answer.status()).isEqualTo(403);
        assertThat(answer.getMessage()).isEqualTo("the citizen's HCO consent is not active");
    }

    @Test
    void should_fail_closed_with_500_for_a_refusal_that_is_not_mapped() {
        Refusal unmapped = new Refusal("a secret detail") {
        };
        ApiException answer = Failures.classify(unmapped);
        assertThat(answer.status()).isEqualTo(500);
        assertThat(answer.getMessage()).doesNotContain("secret");
    }
}
