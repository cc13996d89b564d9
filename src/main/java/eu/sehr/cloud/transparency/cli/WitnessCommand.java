package eu.sehr.cloud.transparency.cli;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import eu.sehr.cloud.transparency.note.SignerKey;
import eu.sehr.cloud.transparency.note.SigningKeyFile;
import eu.sehr.cloud.transparency.witness.Witness;
import eu.sehr.cloud.transparency.witness.WitnessServer;
import eu.sehr.cloud.transparency.witness.WitnessStateStore;
import eu.sehr.cloud.transparency.witness.WitnessedLog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code witness}: runs a c2sp.org/tlog-witness witness. It keeps its own key ({@code witness-key} in the state dir,
 * generated once, 0600) and, per log, the size and root it last cosigned; it cosigns only checkpoints proven
 * consistent with that. Its cosignature verifier key is printed at start and written to {@code witness.vkey}: give it
 * to the log ({@code sehr.log.witnesses}) and to verifiers.
 */
@Command(name = "witness", mixinStandardHelpOptions = true,
        description = "Run a transparency log witness (C2SP tlog-witness add-checkpoint) that cosigns consistent checkpoints.")
public final class WitnessCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--name", required = true, description = "the witness's key name, e.g. witness.example.org")
    String name;

    @Option(names = "--state-dir", required = true, description = "where the key and the cosigned states are kept")
    Path stateDir;

    @Option(names = "--listen", defaultValue = "127.0.0.1:7380", description = "host:port to serve POST /add-checkpoint on (default ${DEFAULT-VALUE})")
    String listen;

    @Option(names = "--log", required = true, description = "a log to follow: \"<origin> <vkey> [<vkey>...]\" (repeatable)")
    List<String> logs;

    @Override
    public Integer call() throws IOException, InterruptedException {
        Files.createDirectories(stateDir);
        SignerKey key = new SigningKeyFile(new SecureRandom()).loadOrGenerate(stateDir.resolve("witness-key"), name);
        String vkey = key.cosignatureVerifierKey().encoded();
        Files.writeString(stateDir.resolve("witness.vkey"), vkey + "\n", StandardCharsets.UTF_8);
        Witness witness = new Witness(followed(logs), key.cosigner(Clock.systemUTC()), new WitnessStateStore(stateDir));
        int colon = listen.lastIndexOf(':');
        try (WitnessServer server = WitnessServer.start(
                new InetSocketAddress(listen.substring(0, colon), Integer.parseInt(listen.substring(colon + 1))), witness)) {
            spec.commandLine().getOut().println("witness " + vkey + " listening on " + listen);
            spec.commandLine().getOut().flush();
            CountDownLatch stopped = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown, "witness-shutdown"));
            stopped.await();
        }
        return 0;
    }

    static List<WitnessedLog> followed(List<String> logs) {
        List<WitnessedLog> followed = new ArrayList<>();
        for (String log : logs) {
            String[] parts = log.strip().split("\\s+");
            if (parts.length < 2) {
                throw new IllegalArgumentException("--log is \"<origin> <vkey> [<vkey>...]\", not \"" + log + "\"");
            }
            followed.add(WitnessedLog.of(parts[0], Arrays.copyOfRange(parts, 1, parts.length)));
        }
        return followed;
    }
}
