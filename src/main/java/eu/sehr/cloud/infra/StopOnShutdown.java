package eu.sehr.cloud.infra;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import eu.sehr.cloud.infra.embedded.DataDirGuard;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops the service when the JVM shuts down (SIGTERM, SIGINT), whenever the signal comes. Registered before the
 * start: a signal during start-up waits for the start to end (a failed start has closed what it opened), then
 * stops what started, so no embedded PostgreSQL is left running on the data dir. A start that does not end in time
 * is abandoned: the embedded PostgreSQL of the data dir is stopped by its pid file.
 */
public final class StopOnShutdown {

    private static final Logger LOG = LoggerFactory.getLogger(StopOnShutdown.class);

    private final CompletableFuture<Service> start = new CompletableFuture<>();
    private final Path postgresDataDir;
    private final Duration startWait;

    private StopOnShutdown(Path postgresDataDir, Duration startWait) {
        this.postgresDataDir = postgresDataDir;
        this.startWait = startWait;
    }

    /** Registers the JVM shutdown hook for a service about to start with these settings. */
    public static StopOnShutdown register(Settings settings, Duration startWait) {
        StopOnShutdown stop = new StopOnShutdown(settings.find("sehr.postgres.url").isPresent() ? null
                : settings.dataDir().resolve("postgres"), startWait);
        Runtime.getRuntime().addShutdownHook(new Thread(stop::stop, "sehr-shutdown"));
        return stop;
    }

    public void started(Service service) {
        start.complete(service);
    }

    /** The start failed; it closed what it had opened. */
    public void failed() {
        start.complete(null);
    }

    private void stop() {
        Service service;
        try {
            service = start.get(startWait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            LOG.warn("Stopping: the start did not end within {} s, abandoning it", startWait.toSeconds());
            stopEmbeddedPostgres();
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopEmbeddedPostgres();
            return;
        } catch (ExecutionException e) {
            return;
        }
        if (service != null) {
            LOG.info("Stopping");
            service.close();
        }
    }

    private void stopEmbeddedPostgres() {
        if (postgresDataDir == null) {
            return;
        }
        try {
            DataDirGuard.stopLeftoverServer(postgresDataDir);
        } catch (IOException | RuntimeException e) {
            LOG.warn("Could not stop the embedded PostgreSQL of {}: {}", postgresDataDir, e.toString());
        }
    }
}
