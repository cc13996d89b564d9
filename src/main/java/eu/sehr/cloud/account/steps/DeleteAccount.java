package eu.sehr.cloud.account.steps;

import java.time.Clock;

import eu.sehr.cloud.account.api.AccountCommands.DeleteAccountCommand;
import eu.sehr.cloud.infra.http.Message;
import eu.sehr.cloud.records.query.BucketRegistry;
import eu.sehr.cloud.security.Principal;
import eu.sehr.cloud.storage.ObjectKeys;
import eu.sehr.cloud.storage.RecordStore;
import org.axonframework.commandhandling.gateway.CommandGateway;

/**
 * Pipeline step of {@code DELETE /citizen/account}: removes every object of every bucket of the citizen and the
 * signed consents (idempotent, so a failed attempt can be repeated), then appends the deletion, which removes the
 * credentials, the consent state and the bucket registry in the same transaction. The event stream stays.
 */
public final class DeleteAccount {

    private final BucketRegistry buckets;
    private final RecordStore store;
    private final CommandGateway commands;
    private final Clock clock;

    public DeleteAccount(BucketRegistry buckets, RecordStore store, CommandGateway commands, Clock clock) {
        this.buckets = buckets;
        this.store = store;
        this.commands = commands;
        this.clock = clock;
    }

    public Message delete(Principal citizen) {
        for (String bucket : buckets.bucketsOf(citizen.account())) {
            store.removeAll(ObjectKeys.bucketPrefix(bucket));
        }
        store.removeAll(ObjectKeys.consentsPrefix(citizen.account()));
        commands.sendAndWait(new DeleteAccountCommand(citizen.account(), citizen.actor(), clock.instant()));
        return new Message("account " + citizen.subject() + " deleted");
    }
}
