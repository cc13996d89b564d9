package eu.sehr.cloud.account.steps;

import eu.sehr.cloud.account.api.AccountCommands.RecordAccessCommand;
import eu.sehr.cloud.account.api.AccountEvents.AnonymousRequestRefused;
import eu.sehr.cloud.account.api.AccountEvents.RequestRefused;
import eu.sehr.cloud.account.api.Precondition;
import eu.sehr.cloud.audit.api.Actor;
import eu.sehr.cloud.infra.http.ApiException;
import eu.sehr.cloud.security.Principal;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.gateway.EventGateway;
import org.axonframework.messaging.MetaData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Appends the event of a refused request: on the caller's account stream when the caller is a known citizen,
 * else as an anonymous refusal. The endpoint is method and path, never the query string or a token.
 */
public final class RecordRefusal {

    private static final Logger LOG = LoggerFactory.getLogger(RecordRefusal.class);

    private final CommandGateway commands;
    private final EventGateway events;

    public RecordRefusal(CommandGateway commands, EventGateway events) {
        this.commands = commands;
        this.events = events;
    }

    public void record(ApiException refusal, Principal principal, String method, String path) {
        if (refusal.isAudited() || refusal.status() >= 500) {
            return;
        }
        String endpoint = method + " " + path;
        try {
            if (principal != null && principal.account() != null) {
                commands.sendAndWait(new RecordAccessCommand(principal.account(),
                        new RequestRefused(principal.account(), endpoint, refusal.status(), refusal.getMessage()),
                        Precondition.LIVE_ACCOUNT, principal.actor()));
            } else {
                Actor actor = principal == null ? Actor.anonymous() : principal.actor();
                events.publish(GenericEventMessage.asEventMessage(
                                new AnonymousRequestRefused(endpoint, refusal.status(), refusal.getMessage()))
                        .andMetaData(MetaData.with(Actor.KIND, actor.kind()).and(Actor.NAME, actor.name())));
            }
        } catch (RuntimeException e) {
            LOG.warn("Could not record the refusal of {} ({}): {}", endpoint, refusal.status(), e.getClass().getName());
        }
    }
}
