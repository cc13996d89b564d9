package eu.sehr.cloud.account.api;

import eu.sehr.cloud.audit.api.Actor;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The commands of the account feature. */
public final class AccountCommands {

    private AccountCommands() {
    }

    /** Creates an account; the password hash goes to the credentials table, never into an event. */
    public record RegisterCitizenCommand(String accountId, String username, String passwordHash, Actor actor) {
        @Override
        public String toString() {
            return "RegisterCitizenCommand[" + accountId + ", " + username + "]";
        }
    }

    public record DeleteAccountCommand(@TargetAggregateIdentifier String accountId, Actor actor) {
    }

    /**
     * Appends the event of an access to the citizen's stream if the precondition still holds then; the
     * access may be served only when this command succeeded.
     */
    public record RecordAccessCommand(@TargetAggregateIdentifier String accountId, CitizenEvent event,
                                      Precondition precondition, Actor actor) {
    }
}
