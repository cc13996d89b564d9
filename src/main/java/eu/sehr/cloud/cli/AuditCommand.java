package eu.sehr.cloud.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.ObjectMapper;
import eu.sehr.cloud.audit.chain.HashChain;
import eu.sehr.cloud.audit.compliance.ChainVerifier;
import eu.sehr.cloud.audit.compliance.EventStoreReader;
import eu.sehr.cloud.audit.compliance.ViewReplays;
import eu.sehr.cloud.infra.ConfigurationException;
import eu.sehr.cloud.infra.Json;
import eu.sehr.cloud.infra.ViewReplayRuntime;
import eu.sehr.cloud.infra.Settings;
import eu.sehr.cloud.transparency.cli.AuditCheckCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
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

/** {@code audit verify [--citizen X]} and {@code audit replay}: the compliance tools, from the command line. */
@Command(name = "audit", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Verify the event store's hash chains, rebuild the audit views, or check the transparency log offline.",
        subcommands = {AuditCommand.Verify.class, AuditCommand.Replay.class, AuditCheckCommand.class}, synopsisSubcommandLabel = "COMMAND")
public final class AuditCommand implements Callable<Integer> {

    static final int BROKEN = 3;
    static final int UNKNOWN_CITIZEN = 4;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getErr().println("audit: missing the command (verify, replay or check)");
        spec.commandLine().usage(spec.commandLine().getErr());
        return 2;
    }

    @Command(name = "verify", mixinStandardHelpOptions = true, versionProvider = Version.class,
            description = {"Recompute the hash chains from the event store: of every account that bore one username, "
                    + "or of all.", "While the service runs, GET /audit/verify?citizen=NAME does the same."},
            exitCodeListHeading = EXIT_CODES_HEADING,
            exitCodeList = {"0:every chain is valid", EXIT_STORE, EXIT_USAGE, "3:a chain is broken (the first broken "
                    + "event is printed)", "4:no account ever bore the --citizen username"},
            footerHeading = ENVIRONMENT_HEADING, footer = {DATA_DIR, POSTGRES, POSTGRES_CREDENTIALS, LOGS, STOP_FIRST})
    static final class Verify implements Callable<Integer> {

        private static final String WHILE_RUNNING = "While the service runs, use GET /audit/verify?citizen=NAME "
                + "with an auditor token instead, or stop the service first.";

        @Spec
        CommandSpec spec;

        @Option(names = "--citizen", paramLabel = "USERNAME", description = "only the accounts that bore this username")
        String citizen;

        @Override
        public Integer call() throws Exception {
            ObjectMapper mapper = Json.newMapper();
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            return OperatorDatabase.run(err, WHILE_RUNNING, database -> {
                EventStoreReader reader = new EventStoreReader(database.dataSource(), mapper);
                if (citizen != null && reader.accountsOf(citizen).isEmpty()) {
                    err.println("no account ever bore the username " + citizen + ": nothing to verify");
                    return UNKNOWN_CITIZEN;
                }
                ChainVerifier verifier = new ChainVerifier(reader, new HashChain(mapper));
                List<String> citizens = citizen != null ? List.of(citizen) : reader.usernames();
                Progress progress = Progress.bar(err, citizens.size());
                boolean valid = true;
                for (String username : citizens) {
                    ChainVerifier.ChainVerification result = verifier.verify(username);
                    valid &= result.valid();
                    if (citizen != null || !result.valid()) {
                        out.println(mapper.writeValueAsString(result));
                    }
                    progress.step();
                }
                progress.done();
                out.println(valid ? "all hash chains are valid" : "BROKEN hash chains found");
                return valid ? 0 : BROKEN;
            });
        }
    }

    @Command(name = "replay", mixinStandardHelpOptions = true, versionProvider = Version.class,
            description = {"Rebuild every audit view from the first event. It opens the event store and MongoDB and "
                    + "runs the audit projection until it has passed every event; no HTTP server, no object storage.",
                    "While the service runs, POST /audit/replay does the same."},
            exitCodeListHeading = EXIT_CODES_HEADING,
            exitCodeList = {"0:the views were rebuilt", "1:a store cannot be opened (the reason is on standard error), "
                    + "e.g. the service runs already on the same embedded data dir", EXIT_USAGE},
            footerHeading = ENVIRONMENT_HEADING,
            footer = {DATA_DIR, POSTGRES, POSTGRES_CREDENTIALS,
                    "  SEHR_MONGODB_URI, SEHR_MONGODB_DATABASE   the audit views, as for serve",
                    LOGS, STOP_FIRST})
    static final class Replay implements Callable<Integer> {

        private static final long POLL_MILLIS = 200;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws InterruptedException {
            try (ViewReplayRuntime runtime = ViewReplayRuntime.start(Settings.load())) {
                String id = runtime.replay();
                ViewReplays.ReplayStatus status = runtime.status(id);
                Progress progress = Progress.bar(spec.commandLine().getErr(), status.total());
                while (!status.done()) {
                    progress.at(status.processed());
                    Thread.sleep(POLL_MILLIS);
                    status = runtime.status(id);
                }
                progress.done();
                spec.commandLine().getOut().println("audit views rebuilt from " + status.total() + " events");
                return 0;
            } catch (ConfigurationException e) {
                spec.commandLine().getErr().println("cannot start: " + e.getMessage()
                        + (e.getMessage().contains("in use") ? ". While the service runs, use POST /audit/replay with "
                        + "an auditor token instead, or stop the service first." : ""));
                return 1;
            }
        }
    }
}
