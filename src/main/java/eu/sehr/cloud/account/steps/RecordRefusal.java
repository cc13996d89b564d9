package eu.sehr.cloud.account.steps;

import java.time.Clock;
import java.util.function.LongConsumer;

import eu.sehr.cloud.account.api.AccountCommands.NoteRefusedRequestCommand;
import eu.sehr.cloud.account.api.AccountEvents.AnonymousRequestRefused;
import eu.sehr.cloud.audit.api.Actor;
import eu.sehr.cloud.infra.http.ApiException;
import eu.sehr.cloud.security.ClientAddresses;
import eu.sehr.cloud.security.Principal;
import io.vertx.core.net.SocketAddress;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.gateway.EventGateway;
import org.axonframework.messaging.MetaData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Appends the event of a refused request: on the caller's account stream when the caller is a known citizen, on
 * its own for a compliance officer, and for anonymous callers (no or an unusable token) at most one summary event
 * per client address and minute, every one counted. The endpoint is method and path, never the query string or a
 * token.
 */
public final class RecordRefusal {

    private static final Logger LOG = LoggerFactory.getLogger(RecordRefusal.class);

    private final CommandGateway commands;
    private final EventGateway events;
    private final ClientAddresses clients;
    private final AnonymousRefusals anonymous;
    private final LongConsumer anonymousCounter;
    private final Clock clock;

    public RecordRefusal(CommandGateway commands, EventGateway events, ClientAddresses clients, AnonymousRefusals anonymous,
                         LongConsumer anonymousCounter, Clock clock) {
        this.commands = commands;
        this.events = events;
        this.clients = clients;
        this.anonymous = anonymous;
        this.anonymousCounter = anonymousCounter;
        this.clock = clock;
    }

    public void record(ApiException refusal, Principal principal, String method, String path, SocketAddress peer,
                       Object forwardedFor) {
        if (refusal.isAudited() || refusal.status() >= 500) {
            return;
        }
        String endpoint = method + " " + path;
        try {
            if (principal != null && principal.account() != null) {
                commands.sendAndWait(new NoteRefusedRequestCommand(principal.account(), endpoint, refusal.status(),
                        refusal.getMessage(), principal.actor(), clock.instant()));
            } else if (principal != null) {
                publish(new AnonymousRequestRefused(endpoint, refusal.status(), refusal.getMessage(), null, null),
                        principal.actor());
            } else {
                anonymousCounter.accept(1);
                String client = clients.of(peer, forwardedFor);
                anonymous.firstOfMinute(client).ifPresent(minute -> publish(
                        new AnonymousRequestRefused(endpoint, refusal.status(), refusal.getMessage(), client, minute),
                        Actor.anonymous()));
            }
        } catch (RuntimeException e) {
            LOG.warn("Could not record the refusal of {} ({}): {}", endpoint, refusal.status(), e.getClass().getName());
        }
    }

    private void publish(AnonymousRequestRefused event, Actor actor) {
        events.publish(GenericEventMessage.asEventMessage(event)
                .andMetaData(MetaData.with(Actor.KIND, actor.kind()).and(Actor.NAME, actor.name())));
    }
}
