package eu.sehr.cloud.security;

import java.util.ArrayList;
import java.util.List;

import eu.sehr.cloud.infra.http.ApiException;
import org.apache.camel.AsyncProcessor;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AudiencePolicyTest {

    private static final Principal ALICE = Principal.citizen("alice", "account-1", "token-1");

    private final List<Object> ranWith = new ArrayList<>();

    @Test
    void should_give_the_wrapped_steps_the_principal_of_the_bearer_token() {
        AudiencePolicy policy = new AudiencePolicy((authorization, query) ->
                "Bearer good".equals(authorization) && query == null ? ALICE : null, List.of());

        Exchange exchange = run(policy, "Bearer good");

        assertThat(exchange.getException()).isNull();
        assertThat(ranWith).containsExactly(ALICE);
    }

    @Test
    void should_refuse_a_bad_token_before_any_wrapped_step_runs() {
        AudiencePolicy policy = new AudiencePolicy((authorization, query) -> {
            throw ApiException.unauthorized("a bearer token is required");
        }, List.of());

        Exchange exchange = run(policy, null);

        assertThat(exchange.getException()).isInstanceOfSatisfying(ApiException.class,
                refused -> assertThat(refused.status()).isEqualTo(401));
        assertThat(exchange.getProperty(AudiencePolicy.PRINCIPAL)).isNull();
        assertThat(ranWith).isEmpty();
    }

    @Test
    void should_keep_the_principal_for_the_error_route_when_a_standing_check_refuses() {
        AudiencePolicy policy = new AudiencePolicy((authorization, query) -> ALICE, List.of(
                caller -> {
                    throw ApiException.forbidden("the citizen's HCO consent is not active");
                }));

        Exchange exchange = run(policy, "Bearer good");

        assertThat(exchange.getException()).isInstanceOfSatisfying(ApiException.class,
                refused -> assertThat(refused.status()).isEqualTo(403));
        assertThat(exchange.getProperty(AudiencePolicy.PRINCIPAL)).isEqualTo(ALICE);
        assertThat(ranWith).isEmpty();
    }

    private Exchange run(AudiencePolicy policy, String authorization) {
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        exchange.getMessage().setHeader("Authorization", authorization);
        AsyncProcessor wrapped = (AsyncProcessor) policy.wrap(null,
                step -> ranWith.add(step.getProperty(AudiencePolicy.PRINCIPAL)));
        wrapped.process(exchange, doneSync -> { });
        return exchange;
    }
}
