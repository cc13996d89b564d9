package eu.sehr.cloud;

import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import eu.sehr.cloud.cli.AuditCommand;
import eu.sehr.cloud.cli.AuditorCommand;
import eu.sehr.cloud.cli.DevPki;
import eu.sehr.cloud.infra.ConfigurationException;
import eu.sehr.cloud.infra.Service;
import eu.sehr.cloud.infra.Settings;
import eu.sehr.cloud.transparency.cli.WitnessCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The launcher: {@code java -jar sehr-cloud.jar [serve]} runs the service; further sub-commands are operator tools.
 * When the service cannot start it prints one line with the reason and exits non-zero.
 */
@Command(name = "sehr-cloud", mixinStandardHelpOptions = true,
        description = "S-EHR Cloud: encrypted health record backup with consented emergency access.",
        subcommands = {App.Serve.class, AuditorCommand.class, AuditCommand.class, DevPki.class, WitnessCommand.class})
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

    @Command(name = "serve", description = "Serve the HTTP API (the default).")
    static final class Serve implements Callable<Integer> {
        @Override
        public Integer call() throws InterruptedException {
            Service service;
            try {
                service = Service.start(Settings.load());
            } catch (ConfigurationException e) {
                System.err.println("sehr-cloud cannot start: " + e.getMessage());
                return 1;
            } catch (RuntimeException | LinkageError e) {
                System.err.println("sehr-cloud cannot start: " + rootReason(e));
                return 1;
            }
            CountDownLatch stopped = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                service.close();
                stopped.countDown();
            }, "sehr-shutdown"));
            stopped.await();
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
