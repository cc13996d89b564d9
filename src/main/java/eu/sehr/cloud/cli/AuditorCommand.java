package eu.sehr.cloud.cli;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.Callable;

import eu.sehr.cloud.audit.compliance.AuditorDirectory;
import eu.sehr.cloud.infra.Sql;
import eu.sehr.cloud.infra.http.Names;
import eu.sehr.cloud.security.PasswordHasher;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import static eu.sehr.cloud.cli.OperatorHelp.DATA_DIR;
import static eu.sehr.cloud.cli.OperatorHelp.ENVIRONMENT_HEADING;
import static eu.sehr.cloud.cli.OperatorHelp.EXIT_CODES_HEADING;
import static eu.sehr.cloud.cli.OperatorHelp.EXIT_OK;
import static eu.sehr.cloud.cli.OperatorHelp.EXIT_STORE;
import static eu.sehr.cloud.cli.OperatorHelp.EXIT_USAGE;
import static eu.sehr.cloud.cli.OperatorHelp.LOGS;
import static eu.sehr.cloud.cli.OperatorHelp.POSTGRES;
import static eu.sehr.cloud.cli.OperatorHelp.POSTGRES_CREDENTIALS;
import static eu.sehr.cloud.cli.OperatorHelp.STOP_FIRST;

/**
 * {@code auditor add|list|remove}: the compliance officers, provisioned by the operator, never over HTTP. A password
 * is read from the terminal without echo, or as the first line of standard input, and stored only as an Argon2id hash.
 */
@Command(name = "auditor", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Manage compliance officers (auditors): add, list, remove.",
        subcommands = {AuditorCommand.Add.class, AuditorCommand.ListAuditors.class, AuditorCommand.Remove.class},
        synopsisSubcommandLabel = "COMMAND")
public final class AuditorCommand implements Callable<Integer> {

    static final int NOT_FOUND = 4;
    private static final String WHILE_RUNNING = "Stop the service first, then run this command again.";

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getErr().println("auditor: missing the command (add, list or remove)");
        spec.commandLine().usage(spec.commandLine().getErr());
        return 2;
    }

    @Command(name = "add", mixinStandardHelpOptions = true, versionProvider = Version.class,
            description = {"Add a compliance officer, or give an existing one a new password.",
                    "The password (at least 12 characters) is read without echo from a terminal, or as the first line "
                            + "of standard input: echo 'a long password' | ... auditor add carol"},
            exitCodeListHeading = EXIT_CODES_HEADING,
            exitCodeList = {EXIT_OK, EXIT_STORE, EXIT_USAGE + ", an invalid NAME or a too short password"},
            footerHeading = ENVIRONMENT_HEADING, footer = {DATA_DIR, POSTGRES, POSTGRES_CREDENTIALS, LOGS, STOP_FIRST})
    static final class Add implements Callable<Integer> {

        private static final int MIN_PASSWORD = 12;

        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "NAME", description = "the auditor's username (3 to 32 of a-z, 0-9 and single hyphens)")
        String name;

        @Override
        public Integer call() throws Exception {
            if (!Names.isUsername(name)) {
                spec.commandLine().getErr().println("invalid name: 3 to 32 of a-z, 0-9 and single hyphens");
                return 2;
            }
            char[] password = readPassword();
            if (password == null || password.length < MIN_PASSWORD) {
                spec.commandLine().getErr().println("the password must have at least " + MIN_PASSWORD + " characters");
                return 2;
            }
            String hash = new PasswordHasher().hash(new String(password));
            Arrays.fill(password, ' ');
            return OperatorDatabase.run(spec.commandLine().getErr(), WHILE_RUNNING, database -> {
                boolean added = new AuditorDirectory(new Sql(database.dataSource()::getConnection)).put(name, hash);
                spec.commandLine().getOut().println(added ? "auditor " + name + " added" : "auditor " + name + " updated");
                return 0;
            });
        }

        private static char[] readPassword() throws IOException {
            Console console = System.console();
            if (console != null) {
                char[] first = console.readPassword("Password: ");
                char[] second = console.readPassword("Repeat: ");
                return Arrays.equals(first, second) ? first : null;
            }
            String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            return line == null ? null : line.toCharArray();
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, versionProvider = Version.class,
            description = "Print the compliance officers' usernames, one a line, with the time each was added.",
            exitCodeListHeading = EXIT_CODES_HEADING, exitCodeList = {EXIT_OK, EXIT_STORE, EXIT_USAGE},
            footerHeading = ENVIRONMENT_HEADING, footer = {DATA_DIR, POSTGRES, POSTGRES_CREDENTIALS, LOGS, STOP_FIRST})
    static final class ListAuditors implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            return OperatorDatabase.run(spec.commandLine().getErr(), WHILE_RUNNING, database -> {
                new AuditorDirectory(new Sql(database.dataSource()::getConnection)).list()
                        .forEach(auditor -> spec.commandLine().getOut().println(auditor.username() + "\t" + auditor.addedOn()));
                return 0;
            });
        }
    }

    @Command(name = "remove", mixinStandardHelpOptions = true, versionProvider = Version.class,
            description = {"Remove a compliance officer: their tokens are refused from the next request on.",
                    "Their past actions stay in the event store."},
            exitCodeListHeading = EXIT_CODES_HEADING,
            exitCodeList = {EXIT_OK, EXIT_STORE, EXIT_USAGE, "4:no auditor has this name"},
            footerHeading = ENVIRONMENT_HEADING, footer = {DATA_DIR, POSTGRES, POSTGRES_CREDENTIALS, LOGS, STOP_FIRST})
    static final class Remove implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "NAME", description = "the auditor's username")
        String name;

        @Override
        public Integer call() throws Exception {
            return OperatorDatabase.run(spec.commandLine().getErr(), WHILE_RUNNING, database -> {
                if (!new AuditorDirectory(new Sql(database.dataSource()::getConnection)).remove(name)) {
                    spec.commandLine().getErr().println("no auditor is named " + name);
                    return NOT_FOUND;
                }
                spec.commandLine().getOut().println("auditor " + name + " removed");
                return 0;
            });
        }
    }
}
