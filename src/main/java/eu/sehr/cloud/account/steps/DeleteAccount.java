package eu.sehr.cloud.account.steps;

import java.util.Map;

import eu.sehr.cloud.account.api.AccountCommands.DeleteAccountCommand;
import eu.sehr.cloud.audit.api.Actor;
import eu.sehr.cloud.security.Principal;
import org.axonframework.commandhandling.gateway.CommandGateway;

/** Pipeline step of {@code DELETE /citizen/account}. */
public final class DeleteAccount {

    private final CommandGateway commands;

    public DeleteAccount(CommandGateway commands) {
        this.commands = commands;
    }

    public Map<String, String> delete(Principal citizen) {
        commands.sendAndWait(new DeleteAccountCommand(citizen.account(), Actor.citizen(citizen.subject())));
        return Map.of("msg", "account " + citizen.subject() + " deleted");
    }
}
