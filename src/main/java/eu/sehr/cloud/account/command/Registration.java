package eu.sehr.cloud.account.command;

import eu.sehr.cloud.account.api.AccountCommands.RegisterCitizenCommand;
import eu.sehr.cloud.account.query.AccountDirectory;
import eu.sehr.cloud.audit.chain.HashChain;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.modelling.command.Repository;

/**
 * Registers a citizen: the credentials row (whose unique username makes a second registration of the same name
 * fail) and the account's first event are written in the same transaction.
 */
public final class Registration {

    private final Repository<CitizenAccount> accounts;
    private final AccountDirectory directory;
    private final HashChain chain;

    public Registration(Repository<CitizenAccount> accounts, AccountDirectory directory, HashChain chain) {
        this.accounts = accounts;
        this.directory = directory;
        this.chain = chain;
    }

    @CommandHandler
    public String handle(RegisterCitizenCommand command) throws Exception {
        directory.addAccount(command.accountId(), command.username(), command.passwordHash());
        accounts.newInstance(() -> new CitizenAccount(command.accountId(), command.username(), command.actor(), chain,
                command.at()));
        return command.accountId();
    }
}
