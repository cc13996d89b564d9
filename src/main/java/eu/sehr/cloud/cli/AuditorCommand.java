package eu.sehr.cloud.cli;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.Callable;

import eu.sehr.cloud.audit.compliance.AuditorDirectory;
import eu.sehr.cloud.infra.ConfigurationException;
import eu.sehr.cloud.infra.Database;
import eu.sehr.cloud.infra.Settings;
import eu.sehr.cloud.infra.Sql;
import eu.sehr.cloud.infra.http.Names;
import eu.sehr.cloud.security.PasswordHasher;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code auditor add NAME}: provisions a compliance officer (or sets a new password). The password is read from
 * the terminal without echo, or as the first line of standard input, and stored only as an Argon2id hash.
 */
@Command(name = "auditor", description = "Manage compliance officers.", subcommands = AuditorCommand.Add.class)
public final class AuditorCommand {

    @Command(name = "add", description = "Add a compliance officer; the password is read from standard input.")
    static final class Add implements Callable<Integer> {

        private static final int MIN_PASSWORD = 12;

        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "NAME", description = "the auditor's username")
        String name;

        @Override
        public Integer call() throws IOException {
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
            try (Database database = Database.open(Settings.load())) {
                boolean added = new AuditorDirectory(new Sql(database.dataSource()::getConnection)).put(name, hash);
                spec.commandLine().getOut().println(added ? "auditor " + name + " added" : "auditor " + name + " updated");
                return 0;
            } catch (ConfigurationException e) {
                spec.commandLine().getErr().println("cannot reach the database: " + e.getMessage()
                        + " (with the embedded default, stop the service first)");
                return 1;
            }
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
}
