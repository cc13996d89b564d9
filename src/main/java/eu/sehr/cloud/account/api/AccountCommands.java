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

    public record RecordLoginCommand(@TargetAggregateIdentifier String accountId, Actor actor) {
    }

    public record RecordFailedLoginCommand(@TargetAggregateIdentifier String accountId, String reason, Actor actor) {
    }

    public record DeleteAccountCommand(@TargetAggregateIdentifier String accountId, Actor actor) {
    }

    public record RecordRefusalCommand(@TargetAggregateIdentifier String accountId, String endpoint, int status,
                                       String reason, Actor actor) {
    }
}
