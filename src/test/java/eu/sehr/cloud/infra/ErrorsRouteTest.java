package eu.sehr.cloud.infra;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.ObjectMapper;
import eu.sehr.cloud.domain.AlreadyDone;
import eu.sehr.cloud.domain.ConsentMissing;
import eu.sehr.cloud.domain.NotFound;
import eu.sehr.cloud.infra.http.ApiException;
import eu.sehr.cloud.infra.http.ErrorResponder;
import eu.sehr.cloud.security.Principal;
import eu.sehr.cloud.support.RouteFiles;
import org.apache.camel.Exchange;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.spi.Registry;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.apache.camel.test.junit5.TestExecutionConfiguration;
import org.axonframework.commandhandling.CommandExecutionException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The one error route configuration, routes/api/errors.camel.yaml, on its own: a one-step route that uses it throws
 * what a pipeline step would throw, and the answer is the contract's status and error body; the refusal is also
 * handed to recordRefusal. The real ErrorResponder answers; recordRefusal is a hand-written recorder.
 */
class ErrorsRouteTest extends CamelTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final RecordedRefusals refusals = new RecordedRefusals();

    @Override
    public void configureTest(TestExecutionConfiguration test) {
        test.withUseAdviceWith(true);
    }

    @Override
    protected void bindToRegistry(Registry registry) {
        registry.bind("errorResponder", new ErrorResponder(JSON));
        registry.bind("recordRefusal", refusals);
    }

    /** Loads the error configuration, then a pipeline step that fails with the exception in the body, under it. */
    @BeforeEach
    void loadTheErrorConfiguration() throws Exception {
        RouteFiles.load(context, "routes/api/errors.camel.yaml");
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:step").routeId("failing-step").routeConfigurationId("api-errors")
                        .process(exchange -> {
                            throw exchange.getMessage().getBody(RuntimeException.class);
                        });
            }
        });
        context.start();
    }

    @Test
    void should_answer_a_missing_consent_with_403_and_the_contract_body_and_record_the_refusal() throws Exception {
        Principal citizen = Principal.citizen("alice", "account-1", "token-1");

        Exchange answer = fail(new ConsentMissing("the cloud consent is not active"), citizen);

        assertThat(answer.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE)).isEqualTo(403);
        assertThat(answer.getMessage().getHeader(Exchange.CONTENT_TYPE)).isEqualTo("application/json");
        assertThat(body(answer)).isEqualTo(Map.of("msg", "the cloud consent is not active", "errorCode", 403));
        assertThat(refusals.calls).containsExactly(
                new RecordedRefusals.Call(403, citizen, "GET", "/citizen/records/lab.pdf"));
    }

    @Test
    void should_map_each_domain_refusal_also_when_the_command_bus_wraps_it() throws Exception {
        assertThat(body(fail(new NotFound("no such record"), null)))
                .isEqualTo(Map.of("msg", "no such record", "errorCode", 404));
        assertThat(body(fail(new CommandExecutionException("wrapped", new AlreadyDone("the access has ended")), null)))
                .isEqualTo(Map.of("msg", "the access has ended", "errorCode", 409));
        assertThat(refusals.calls).extracting(RecordedRefusals.Call::status).containsExactly(404, 409);
    }

    @Test
    void should_answer_503_for_a_store_failure_and_500_without_internal_detail_for_anything_else() throws Exception {
        Exchange unavailable = fail(new StoreUnavailableException("postgres down at 10.0.0.7", null), null);
        Exchange unexpected = fail(new IllegalStateException("secret internal detail"), null);

        assertThat(unavailable.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE)).isEqualTo(503);
        assertThat(body(unavailable)).containsEntry("errorCode", 503)
                .extractingByKey("msg").asString().doesNotContain("10.0.0.7");
        assertThat(body(unexpected)).isEqualTo(Map.of("msg", "internal error", "errorCode", 500));
    }

    @Test
    void should_not_pass_the_request_headers_back_to_the_client() throws Exception {
        Exchange answer = fail(new NotFound("no such record"), null);

        assertThat(answer.getMessage().getHeaders()).containsOnlyKeys(Exchange.HTTP_RESPONSE_CODE, Exchange.CONTENT_TYPE);
    }

    private Exchange fail(RuntimeException failure, Principal principal) {
        NotifyBuilder done = new NotifyBuilder(context).fromRoute("failing-step").whenDone(1).create();
        Exchange answer = template.send("direct:step", exchange -> {
            exchange.setProperty("principal", principal);
            exchange.getMessage().setHeader(Exchange.HTTP_METHOD, "GET");
            exchange.getMessage().setHeader(Exchange.HTTP_PATH, "/citizen/records/lab.pdf");
            exchange.getMessage().setHeader("Authorization", "Bearer not-for-the-answer");
            exchange.getMessage().setBody(failure);
        });
        assertThat(done.matches(5, TimeUnit.SECONDS)).isTrue();
        assertThat(answer.getException()).isNull();
        return answer;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> body(Exchange answer) throws Exception {
        return JSON.readValue(answer.getMessage().getBody(String.class), Map.class);
    }

    /** Stands in for RecordRefusal (which appends events through Axon): keeps what the route handed it. */
    public static final class RecordedRefusals {

        record Call(int status, Principal principal, String method, String path) {
        }

        final List<Call> calls = new ArrayList<>();

        public void record(ApiException refusal, Principal principal, String method, String path, Object peer,
                           Object forwardedFor) {
            calls.add(new Call(refusal.status(), principal, method, path));
        }
    }
}
