package eu.sehr.cloud;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import eu.sehr.cloud.cli.AuditCommand;
import eu.sehr.cloud.cli.AuditorCommand;
import eu.sehr.cloud.cli.DevPki;
import eu.sehr.cloud.cli.Version;
import eu.sehr.cloud.infra.ConfigurationException;
import eu.sehr.cloud.infra.Service;
import eu.sehr.cloud.infra.Settings;
import eu.sehr.cloud.transparency.cli.WitnessCommand;
import eu.sehr.cloud.infra.StopOnShutdown;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The launcher: {@code java -jar sehr-cloud.jar [serve]} runs the service; further sub-commands are operator tools.
 * When the service cannot start it prints one line with the reason and exits non-zero.
 */
@Command(name = "sehr-cloud", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = {"S-EHR Cloud: encrypted health record backup with consented emergency access.",
                "Without a command: serve."},
        subcommands = {App.Serve.class, AuditorCommand.class, AuditCommand.class, DevPki.class, WitnessCommand.class},
        synopsisSubcommandLabel = "[COMMAND]",
        exitCodeListHeading = "%nExit codes:%n", exitCodeList = {App.Serve.EXIT_STOPPED, App.Serve.EXIT_CANNOT_START, App.Serve.EXIT_USAGE},
        footerHeading = "%n", footer = {App.Serve.SETTINGS, "Each command answers --help."})
public final class App implements Callable<Integer> {

    public static void main(String[] args) {
        int exitCode = new CommandLine(new App()).execute(args);
        // Axon's processor threads and the storage client's dispatcher are not daemons: once a command is done (or
        // the service has stopped), the JVM ends at once instead of waiting for them to idle out
        System.exit(exitCode);
    }

    @Override
    public Integer call() throws Exception {
        return new Serve().call();
    }

    @Command(name = "serve", mixinStandardHelpOptions = true, versionProvider = Version.class,
            description = {"Serve the HTTP API (the default command) until SIGTERM or SIGINT, which stop it in order "
                    + "(also during start-up).",
                    "Stores whose endpoint is not set start embedded, with their data in SEHR_DATA_DIR; one service "
                            + "at a time owns a data dir."},
            exitCodeListHeading = "%nExit codes:%n", exitCodeList = {Serve.EXIT_STOPPED, Serve.EXIT_CANNOT_START, Serve.EXIT_USAGE},
            footerHeading = "%nEnvironment (each also as -Dkey=value):%n",
            footer = {"  SEHR_PORT, SEHR_HOST            where to listen (5000, 0.0.0.0)",
                    "  SEHR_DATA_DIR                   data of the embedded stores (./data)",
                    "  SEHR_S3_ENDPOINT, SEHR_S3_ACCESS_KEY, SEHR_S3_SECRET_KEY, SEHR_S3_BUCKET",
                    "                                  object storage; no endpoint: embedded",
                    "  SEHR_POSTGRES_URL, SEHR_POSTGRES_USER, SEHR_POSTGRES_PASSWORD",
                    "                                  event store; no URL: embedded",
                    "  SEHR_MONGODB_URI                audit views; no URI: embedded",
                    "  SEHR_HCO_TRUST_ANCHORS          CA certificates (PEM) of HCOs; empty: none",
                    "  SEHR_TLS_CERT_FILE, SEHR_TLS_KEY_FILE   HTTPS (PEM files)",
                    "  SEHR_LOG_LEVEL, SEHR_LOG_FORMAT         logs to stderr (INFO; TEXT|JSON)",
                    Serve.SETTINGS})
    static final class Serve implements Callable<Integer> {

        static final String EXIT_STOPPED = "0, 130, 143:stopped (143: by SIGTERM, 130: by SIGINT)";
        static final String EXIT_CANNOT_START = "1:the service cannot start; one line on standard error names the "
                + "setting, store or file";
        static final String EXIT_USAGE = "2:wrong command line";
        static final String SETTINGS = "Every setting: the README's \"Configuration\" (application.properties).";
        /** How long a signal during start-up waits for the start to end before abandoning it. */
        private static final Duration START_WAIT = Duration.ofSeconds(60);

        @Override
        public Integer call() throws InterruptedException {
            Settings settings = Settings.load();
            StopOnShutdown stopOnShutdown;
            Service service;
            try {
                stopOnShutdown = StopOnShutdown.register(settings, START_WAIT);
            } catch (ConfigurationException e) {
                System.err.println("sehr-cloud cannot start: " + e.getMessage());
                return 1;
            }
            try {
                service = Service.start(settings);
            } catch (ConfigurationException e) {
                stopOnShutdown.failed();
                System.err.println("sehr-cloud cannot start: " + e.getMessage());
                return 1;
            } catch (RuntimeException | LinkageError e) {
                stopOnShutdown.failed();
                System.err.println("sehr-cloud cannot start: " + rootReason(e));
                return 1;
            }
            stopOnShutdown.started(service);
            new CountDownLatch(1).await();
            return 0;
        }
    }

    static String rootReason(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return root.getClass().getSimpleName() + (message == null ? "" : ": " + message.lines().findFirst().orElse(""));
    }
}
