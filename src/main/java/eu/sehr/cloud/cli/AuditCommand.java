package eu.sehr.cloud.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.ObjectMapper;
import eu.sehr.cloud.audit.chain.HashChain;
import eu.sehr.cloud.audit.compliance.ChainVerifier;
import eu.sehr.cloud.audit.compliance.EventStoreReader;
import eu.sehr.cloud.audit.compliance.ViewReplays;
import eu.sehr.cloud.infra.ConfigurationException;
import eu.sehr.cloud.infra.Database;
import eu.sehr.cloud.infra.Json;
import eu.sehr.cloud.infra.Service;
import eu.sehr.cloud.infra.Settings;
import eu.sehr.cloud.transparency.cli.AuditCheckCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code audit verify [--citizen X]} and {@code audit replay}: the compliance tools, from the command line. */
@Command(name = "audit", description = "Verify the event store's hash chains or rebuild the audit views.",
        subcommands = {AuditCommand.Verify.class, AuditCommand.Replay.class, AuditCheckCommand.class})
public final class AuditCommand {

    @Command(name = "verify", description = "Recompute the hash chains (of one citizen, or of all).")
    static final class Verify implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Option(names = "--citizen", description = "only this username")
        String citizen;

        @Override
        public Integer call() throws Exception {
            ObjectMapper mapper = Json.newMapper();
            PrintWriter out = spec.commandLine().getOut();
            try (Database database = Database.open(Settings.load())) {
                EventStoreReader reader = new EventStoreReader(database.dataSource(), mapper);
                ChainVerifier verifier = new ChainVerifier(reader, new HashChain(mapper));
                List<String> citizens = citizen != null ? List.of(citizen) : reader.usernames();
                Progress progress = new Progress(spec.commandLine().getErr(), citizens.size());
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
                return valid ? 0 : 3;
            } catch (ConfigurationException e) {
                spec.commandLine().getErr().println("cannot reach the database: " + e.getMessage());
                return 1;
            }
        }
    }

    @Command(name = "replay", description = "Rebuild every audit view from the first event (runs the service on loopback while it works).")
    static final class Replay implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws InterruptedException {
            Settings settings = Settings.load().with(Map.of("sehr.host", "127.0.0.1", "sehr.port", "0"));
            try (Service service = Service.start(settings)) {
                String id = service.replayAuditViews();
                PrintWriter out = spec.commandLine().getOut();
                ViewReplays.ReplayStatus status = service.replayStatus(id);
                Progress progress = new Progress(spec.commandLine().getErr(), status.total());
                while (!status.done()) {
                    progress.at(status.processed());
                    Thread.sleep(200);
                    status = service.replayStatus(id);
                }
                progress.done();
                out.println("audit views rebuilt from " + status.total() + " events");
                return 0;
            } catch (ConfigurationException e) {
                spec.commandLine().getErr().println("cannot start: " + e.getMessage());
                return 1;
            }
        }
    }

    /** A progress bar on a terminal; silent when the output is not one. */
    static final class Progress {
        private static final int WIDTH = 40;
        private final PrintWriter err;
        private final long total;
        private final boolean terminal = System.console() != null;
        private long done;

        Progress(PrintWriter err, long total) {
            this.err = err;
            this.total = Math.max(1, total);
        }

        void step() {
            at(done + 1);
        }

        void at(long value) {
            done = value;
            if (terminal) {
                int filled = (int) (WIDTH * Math.min(done, total) / total);
                err.print("\r[" + "#".repeat(filled) + " ".repeat(WIDTH - filled) + "] " + done + "/" + total);
                err.flush();
            }
        }

        void done() {
            if (terminal) {
                at(total);
                err.println();
            }
        }
    }
}
