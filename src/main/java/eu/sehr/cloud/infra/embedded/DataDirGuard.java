package eu.sehr.cloud.infra.embedded;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import eu.sehr.cloud.infra.ConfigurationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What earlier runs left in an embedded PostgreSQL data dir, dealt with before the server starts on it: a dir that a
 * live process holds (zonky's {@code epg-lock}) is refused with a clear reason; a dir that no process holds but whose
 * {@code postmaster.pid} names a live PostgreSQL of this dir has an orphan server (its JVM died, e.g. by a signal
 * during start-up), which is stopped; a {@code postmaster.pid} of a process that is gone, or of another dir, is removed.
 */
public final class DataDirGuard {

    private static final Logger LOG = LoggerFactory.getLogger(DataDirGuard.class);
    static final String LOCK_FILE = "epg-lock";
    static final String PID_FILE = "postmaster.pid";
    private static final Duration STOP_WAIT = Duration.ofSeconds(15);

    private DataDirGuard() {
    }

    /** Makes the dir ready for a start, or throws a {@link ConfigurationException} that says why it is not. */
    public static void prepare(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            return;
        }
        requireNotInUse(directory);
        stopLeftoverServer(directory);
    }

    /** Stops the PostgreSQL server of this dir that its pid file names, if any (also when a start is abandoned). */
    public static void stopLeftoverServer(Path directory) throws IOException {
        Path pidFile = directory.resolve(PID_FILE);
        if (!Files.exists(pidFile)) {
            return;
        }
        Optional<ProcessHandle> postmaster = postmasterOf(directory, pidFile);
        if (postmaster.isEmpty()) {
            Files.deleteIfExists(pidFile);
            LOG.warn("Removed the stale {} of the embedded PostgreSQL in {}: the server it names is gone", PID_FILE, directory);
            return;
        }
        ProcessHandle server = postmaster.get();
        LOG.warn("Stopping the embedded PostgreSQL (pid {}) of {}: no running service holds it", server.pid(), directory);
        stop(server, directory);
        LOG.info("Stopped the leftover PostgreSQL (pid {}) of {}", server.pid(), directory);
    }

    private static void requireNotInUse(Path directory) throws IOException {
        Path lockFile = directory.resolve(LOCK_FILE);
        if (!Files.exists(lockFile)) {
            return;
        }
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE)) {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                throw inUse(directory);
            }
            lock.release();
        } catch (OverlappingFileLockException heldByThisJvm) {
            throw inUse(directory);
        }
    }

    private static ConfigurationException inUse(Path directory) {
        return new ConfigurationException("the embedded PostgreSQL data dir " + directory + " is in use by another "
                + "running S-EHR Cloud process (the service, or an operator command) on the same data dir");
    }

    /** The live PostgreSQL that the pid file names, when it serves this very dir. */
    private static Optional<ProcessHandle> postmasterOf(Path directory, Path pidFile) throws IOException {
        List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
        if (lines.size() < 2 || !lines.get(0).strip().matches("\\d{1,10}")) {
            return Optional.empty();
        }
        Path served = Path.of(lines.get(1).strip()).toAbsolutePath().normalize();
        if (!served.equals(directory.toAbsolutePath().normalize())) {
            return Optional.empty();
        }
        return ProcessHandle.of(Long.parseLong(lines.get(0).strip()))
                .filter(ProcessHandle::isAlive)
                .filter(process -> process.info().command()
                        .map(command -> Path.of(command).getFileName().toString().equals("postgres"))
                        .orElse(false));
    }

    /**
     * SIGTERM (PostgreSQL's smart shutdown: an orphan has no clients left), then waits for the server to be gone.
     * Not pg_ctl: it refuses to run as root, where the embedded binaries run in a user namespace.
     */
    private static void stop(ProcessHandle server, Path directory) {
        server.destroy();
        CompletableFuture<ProcessHandle> exited = server.onExit();
        try {
            exited.get(STOP_WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (TimeoutException | ExecutionException e) {
            throw new ConfigurationException("the leftover PostgreSQL (pid " + server.pid() + ") of " + directory
                    + " did not stop: stop it (kill " + server.pid() + ") and start again");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConfigurationException("interrupted while stopping the leftover PostgreSQL of " + directory);
        }
    }
}
