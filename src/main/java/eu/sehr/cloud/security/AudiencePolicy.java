package eu.sehr.cloud.security;

import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Consumer;

import org.apache.camel.AsyncCallback;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.NamedNode;
import org.apache.camel.Processor;
import org.apache.camel.Route;
import org.apache.camel.spi.Policy;
import org.apache.camel.support.processor.DelegateAsyncProcessor;

/**
 * The authentication of one audience, as a Camel {@code policy} that wraps the steps of each endpoint of that
 * audience ({@code - policy: {ref: citizenPolicy, steps: [...]}}): the bearer token of the audience's kind, verified
 * and backed by a live account, becomes the exchange property {@code principal} before any step runs; then the
 * audience's standing checks run (an HCP's token holds only while the citizen's HCO consent grant it was issued
 * under is active and its emergency access is open). A refusal fails the exchange before the wrapped steps, with the
 * principal already known when the token itself was good, so that the error route records it on that stream.
 */
public final class AudiencePolicy implements Policy {

    public static final String PRINCIPAL = "principal";

    private final BiFunction<String, String, Principal> authenticate;
    private final List<Consumer<Principal>> checks;

    AudiencePolicy(BiFunction<String, String, Principal> authenticate, List<Consumer<Principal>> checks) {
        this.authenticate = authenticate;
        this.checks = checks;
    }

    @Override
    public void beforeWrap(Route route, NamedNode definition) {
        // nothing to prepare: the policy holds no per-route state
    }

    @Override
    public Processor wrap(Route route, Processor processor) {
        return new DelegateAsyncProcessor(processor) {
            @Override
            public boolean process(Exchange exchange, AsyncCallback callback) {
                try {
                    admit(exchange);
                } catch (RuntimeException refused) {
                    exchange.setException(refused);
                    callback.done(true);
                    return true;
                }
                return super.process(exchange, callback);
            }
        };
    }

    void admit(Exchange exchange) {
        Message request = exchange.getMessage();
        Principal principal = authenticate.apply(request.getHeader("Authorization", String.class),
                request.getHeader(Exchange.HTTP_RAW_QUERY, String.class));
        exchange.setProperty(PRINCIPAL, principal);
        checks.forEach(check -> check.accept(principal));
    }
}
