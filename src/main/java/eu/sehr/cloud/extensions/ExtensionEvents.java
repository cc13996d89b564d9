package eu.sehr.cloud.extensions;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

import com.fasterxml.jackson.databind.ObjectMapper;
import eu.sehr.cloud.infra.StoreUnavailableException;
import eu.sehr.cloud.operations.DependencyOutage;
import org.apache.camel.ProducerTemplate;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackingToken;

/**
 * Hands every stored event, in its public shape ({@link PublicEvent}, the line of {@code GET /audit/events}), to
 * the extension routes: {@code direct:extension-events} (routes/api/extensions.camel.yaml) passes it on to the
 * endpoints listed in {@code sehr.extensions.event-consumers}. A failing consumer fails the handler, and the
 * processor retries the event: delivery is at least once and in order per account, never skipped.
 * <p>
 * Its own processing group (own token): a slow or unreachable extension target delays only this processor, never
 * the audit views. The projection may start before Camel: its first events wait until the routes are connected.
 */
@ProcessingGroup(ExtensionEvents.PROCESSING_GROUP)
public class ExtensionEvents {

    public static final String PROCESSING_GROUP = "extension-events";
    public static final String ENDPOINT = "direct:extension-events";

    private static final long CONNECT_TIMEOUT_SECONDS = 60;

    private final Function<String, Optional<String>> usernameOf;
    private final ObjectMapper mapper;
    private final DependencyOutage consumers;
    private final CompletableFuture<ProducerTemplate> routes = new CompletableFuture<>();

    /** @param usernameOf the username of an account id ({@link CitizenNames#usernameOf}) */
    public ExtensionEvents(Function<String, Optional<String>> usernameOf, ObjectMapper mapper) {
        this(usernameOf, mapper, new DependencyOutage("the extension consumers", "the " + PROCESSING_GROUP + " processor",
                Clock.systemUTC()));
    }

    /** @param consumers the deliveries: one log line while a consumer fails, and retries that back off */
    public ExtensionEvents(Function<String, Optional<String>> usernameOf, ObjectMapper mapper, DependencyOutage consumers) {
        this.usernameOf = usernameOf;
        this.mapper = mapper;
        this.consumers = consumers;
    }

    public void connect(ProducerTemplate template) {
        routes.complete(template);
    }

    /** Every event: a handler whose payload parameter is {@code Object} matches each event type. */
    @EventHandler
    void on(Object payload, EventMessage<?> message, TrackingToken token) {
        String account = PublicEvent.accountOf(message);
        String citizen = account == null ? null : usernameOf.apply(account).orElse(null);
        Map<String, Object> event = PublicEvent.of(message, position(token), citizen, mapper);
        consumers.run(() -> routes().sendBody(ENDPOINT, event));
    }

    private static Long position(TrackingToken token) {
        if (token == null || token.position().isEmpty()) {
            return null;
        }
        return token.position().getAsLong();
    }

    private ProducerTemplate routes() {
        try {
            return routes.get(CONNECT_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreUnavailableException("interrupted while waiting for the extension routes", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new StoreUnavailableException("the extension routes are not running", e);
        }
    }
}
