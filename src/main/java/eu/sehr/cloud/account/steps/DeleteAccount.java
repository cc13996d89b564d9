package eu.sehr.cloud.account.steps;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import eu.sehr.cloud.account.api.AccountCommands.DeleteAccountCommand;
import eu.sehr.cloud.infra.http.Message;
import eu.sehr.cloud.records.query.BucketRegistry;
import eu.sehr.cloud.security.Principal;
import eu.sehr.cloud.storage.ObjectKeys;
import eu.sehr.cloud.storage.RecordStore;
import org.axonframework.commandhandling.gateway.CommandGateway;

/**
 * Pipeline steps of {@code DELETE /citizen/account} (routes/api/account.camel.yaml): first the keys of every object of
 * every bucket of the citizen and of the signed consents, which the route removes one by one with camel-minio
 * (idempotent, so a failed attempt can be repeated); then the deletion is appended, which removes the credentials, the
 * consent state and the bucket registry in the same transaction. The event stream stays.
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

    /** The storage keys of the citizen's records (every version) and signed consents, as listed by the storage. */
    public List<String> objectKeys(Principal citizen) {
        List<String> keys = new ArrayList<>();
        for (String bucket : buckets.bucketsOf(citizen.account())) {
            addAll(keys, ObjectKeys.bucketPrefix(bucket));
        }
        addAll(keys, ObjectKeys.consentsPrefix(citizen.account()));
        return keys;
    }

    private void addAll(List<String> keys, String prefix) {
        for (String name : store.names(prefix)) {
            keys.add(prefix + name);
        }
    }

    /** Appends the deletion, once the citizen's objects are removed. */
    public Message delete(Principal citizen) {
        commands.sendAndWait(new DeleteAccountCommand(citizen.account(), citizen.actor(), clock.instant()));
        return new Message("account " + citizen.subject() + " deleted");
    }
}
