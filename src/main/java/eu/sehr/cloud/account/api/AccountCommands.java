package eu.sehr.cloud.account.api;

import java.time.Instant;

import eu.sehr.cloud.audit.api.Actor;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * The commands of the account feature, each named for what its sender wants; {@code at}: when it was asked, from the
 * sender's clock (the time of the event it leads to).
 */
public final class AccountCommands {

    private AccountCommands() {
    }

    /** Creates an account; the password hash goes to the credentials table, never into an event. */
    public record RegisterCitizenCommand(String accountId, String username, String passwordHash, Actor actor, Instant at) {
        @Override
        public String toString() {
            return "RegisterCitizenCommand[" + accountId + ", " + username + "]";
        }
    }

    public record DeleteAccountCommand(@TargetAggregateIdentifier String accountId, Actor actor, Instant at) {
    }

    /** The citizen, whose password was checked, logs in: allowed while the account lives. */
    public record LogInCommand(@TargetAggregateIdentifier String accountId, String username, Instant at) {
    }

    /** Someone tried to log in as the citizen and was refused ({@code reason}, never the password). */
    public record RefuseLoginCommand(@TargetAggregateIdentifier String accountId, String username, String reason,
                                     Instant at) {
    }

    /** The citizen reads their own audit trail (or log entries). */
    public record ReadAuditTrailCommand(@TargetAggregateIdentifier String accountId, Actor actor, Instant at) {
    }

    /** Keeps on the citizen's stream that a request by or about them was refused (the endpoint, status and reason). */
    public record NoteRefusedRequestCommand(@TargetAggregateIdentifier String accountId, String endpoint, int status,
                                            String reason, Actor actor, Instant at) {
    }
}
