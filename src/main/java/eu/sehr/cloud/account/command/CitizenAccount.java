package eu.sehr.cloud.account.command;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import eu.sehr.cloud.account.api.AccountCommands.DeleteAccountCommand;
import eu.sehr.cloud.account.api.AccountCommands.RecordFailedLoginCommand;
import eu.sehr.cloud.account.api.AccountCommands.RecordLoginCommand;
import eu.sehr.cloud.account.api.AccountCommands.RecordRefusalCommand;
import eu.sehr.cloud.account.api.AccountEvents.CitizenAccountDeleted;
import eu.sehr.cloud.account.api.AccountEvents.CitizenLoggedIn;
import eu.sehr.cloud.account.api.AccountEvents.CitizenLoginFailed;
import eu.sehr.cloud.account.api.AccountEvents.CitizenRegistered;
import eu.sehr.cloud.account.api.AccountEvents.RequestRefused;
import eu.sehr.cloud.account.api.CitizenEvent;
import eu.sehr.cloud.audit.api.Actor;
import eu.sehr.cloud.audit.chain.HashChain;
import eu.sehr.cloud.infra.http.ApiException;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateIdentifier;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One citizen account: its events form the citizen's ordered, hash-chained stream. Command handlers decide;
 * state changes only in {@link #on(CitizenEvent, MetaData)}.
 */
public class CitizenAccount {

    @AggregateIdentifier
    private String accountId;
    private String username;
    private boolean deleted;
    private long nextSequence;
    private String chainHead;

    protected CitizenAccount() {
        // for Axon: rebuilt from events or a snapshot
    }

    CitizenAccount(String accountId, String username, Actor actor, HashChain chain) {
        record(new CitizenRegistered(accountId, username), actor, chain, accountId);
    }

    @CommandHandler
    void handle(RecordLoginCommand command, HashChain chain) {
        requireActive();
        record(new CitizenLoggedIn(accountId, username), command.actor(), chain);
    }

    @CommandHandler
    void handle(RecordFailedLoginCommand command, HashChain chain) {
        requireActive();
        record(new CitizenLoginFailed(accountId, username, command.reason()), command.actor(), chain);
    }

    @CommandHandler
    void handle(RecordRefusalCommand command, HashChain chain) {
        requireActive();
        record(new RequestRefused(accountId, command.endpoint(), command.status(), command.reason()), command.actor(), chain);
    }

    @CommandHandler
    void handle(DeleteAccountCommand command, HashChain chain) {
        requireActive();
        record(new CitizenAccountDeleted(accountId, username), command.actor(), chain);
    }

    @EventSourcingHandler
    void on(CitizenEvent event, MetaData metaData) {
        nextSequence++;
        chainHead = (String) metaData.get(HashChain.HASH);
        if (event instanceof CitizenRegistered registered) {
            accountId = registered.accountId();
            username = registered.username();
        } else if (event instanceof CitizenAccountDeleted) {
            deleted = true;
        }
    }

    private void requireActive() {
        if (deleted) {
            throw ApiException.unauthorized("the account no longer exists");
        }
    }

    private void record(CitizenEvent event, Actor actor, HashChain chain) {
        record(event, actor, chain, accountId);
    }

    private void record(CitizenEvent event, Actor actor, HashChain chain, String account) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        apply(event, chain.link(chainHead, account, nextSequence, event, actor, now));
    }
}
