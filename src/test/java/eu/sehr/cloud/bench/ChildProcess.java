package eu.sehr.cloud.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import eu.sehr.cloud.support.FreePorts;

import static org.awaitility.Awaitility.await;

/**
 * The service's jar run as its own process on the embedded defaults: a fresh data dir, a free loopback port, its
 * output in a log file. Closing it stops it (SIGTERM, then SIGKILL after 10 s) with any process it left behind
 * (its PostgreSQL), and deletes its directory.
 */
final class ChildProcess implements AutoCloseable {

    private static final Duration STOP_GRACE = Duration.ofSeconds(10);
    private static final Pattern OWN_START_TIME = Pattern.compile("started in (\\d+) ms");

    private final Process process;
    private final long launchedNanos;
    private final Path root;
    private final Path log;
    private final int port;
    private final GatewayClient client;

    private ChildProcess(Process process, long launchedNanos, Path root, Path log, int port) {
        this.process = process;
        this.launchedNanos = launchedNanos;
        this.root = root;
        this.log = log;
        this.port = port;
        this.client = new GatewayClient(base());
    }

    /** Launches {@code java [jvmOptions] -jar jar}; the clock of {@link #awaitReady} starts just before the launch. */
    static ChildProcess launch(Path jar, List<String> jvmOptions) throws IOException {
        if (!Files.isRegularFile(jar)) {
            throw new IOException(jar + " does not exist: build it first (mvn -q -DskipTests package)");
        }
        Path root = Streams.tempDir("sehr-bench-child-");
        Path log = root.resolve("service.log");
        int port = FreePorts.take();
        List<String> command = new ArrayList<>();
        command.add(javaBinary().toString());
        command.addAll(jvmOptions);
        command.add("-jar");
        command.add(jar.toAbsolutePath().toString());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> environment = builder.environment();
        // the embedded defaults, whatever this shell configures
        environment.keySet().removeIf(name -> name.startsWith("SEHR_"));
        environment.put("SEHR_DATA_DIR", root.resolve("data").toString());
        environment.put("SEHR_PORT", Integer.toString(port));
        environment.put("SEHR_HOST", "127.0.0.1");
        long launched = System.nanoTime();
        try {
            return new ChildProcess(builder.start(), launched, root, log, port);
        } catch (IOException | RuntimeException e) {
            Streams.deleteTree(root);
            throw e;
        }
    }

    static Path javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java");
    }

    String base() {
        return "http://127.0.0.1:" + port;
    }

    GatewayClient client() {
        return client;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Waits until {@code GET /health/ready} answers 200; the nanoseconds since the launch. */
    long awaitReady(Duration timeout) {
        await("the service ready").pollInSameThread().pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(10))
                .atMost(timeout).until(() -> {
                    if (!process.isAlive()) {
                        throw new IllegalStateException("the service exited with " + process.exitValue() + ": " + logTail());
                    }
                    return client.ready();
                });
        return System.nanoTime() - launchedNanos;
    }

    /** The service's own start-up time from its log line {@code started in N ms}, if it wrote one. */
    OptionalLong ownStartMillis() {
        Matcher matcher = OWN_START_TIME.matcher(logText());
        return matcher.find() ? OptionalLong.of(Long.parseLong(matcher.group(1))) : OptionalLong.empty();
    }

    /** The peak resident set of the JVM process so far ({@code VmHWM} of /proc/PID/status), in KiB. */
    OptionalLong peakRssKib() {
        return peakRssKib(process.pid());
    }

    /**
     * The peaks of the embedded PostgreSQL's processes (the postmaster and its backends), summed, in KiB. pg_ctl
     * detaches the postmaster from the service, so it is found by the PID file in the service's data dir.
     */
    OptionalLong postgresPeakRssKib() {
        List<ProcessHandle> postgres = postgresProcesses();
        if (postgres.isEmpty()) {
            return OptionalLong.empty();
        }
        long sum = 0;
        for (ProcessHandle handle : postgres) {
            sum += peakRssKib(handle.pid()).orElse(0);
        }
        return OptionalLong.of(sum);
    }

    static OptionalLong peakRssKib(long pid) {
        return Machine.procField(Path.of("/proc", Long.toString(pid), "status"), "VmHWM")
                .map(value -> value.replaceAll("[^0-9]", ""))
                .filter(digits -> !digits.isEmpty())
                .map(digits -> OptionalLong.of(Long.parseLong(digits)))
                .orElse(OptionalLong.empty());
    }

    String logTail() {
        List<String> lines = logText().lines().toList();
        return String.join(" / ", lines.subList(Math.max(0, lines.size() - 5), lines.size()));
    }

    /** Stops the service and whatever it started, then deletes its data. Whether it had to be killed. */
    boolean stop() {
        List<ProcessHandle> started = new ArrayList<>(process.descendants().toList());
        started.addAll(postgresProcesses());
        boolean killed = !stop(process.toHandle());
        // normally the service stopped its PostgreSQL itself; after a kill it is still running
        started.forEach(ChildProcess::stop);
        Streams.deleteTree(root);
        return killed;
    }

    /** SIGTERM, then SIGKILL if it has not exited within the grace time; whether it exited on SIGTERM. */
    private static boolean stop(ProcessHandle handle) {
        if (!handle.isAlive()) {
            return true;
        }
        handle.destroy();
        try {
            handle.onExit().get(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // still running
        }
        handle.destroyForcibly();
        try {
            handle.onExit().get(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            System.err.println("bench: process " + handle.pid() + " did not exit after SIGKILL");
        }
        return false;
    }

    /** The postmaster named by {@code postmaster.pid} in the data dir, if it runs PostgreSQL, with its backends. */
    private List<ProcessHandle> postgresProcesses() {
        Path pidFile = root.resolve("data").resolve("postgres").resolve("postmaster.pid");
        try {
            List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
            if (lines.isEmpty()) {
                return List.of();
            }
            Optional<ProcessHandle> postmaster = ProcessHandle.of(Long.parseLong(lines.get(0).trim()))
                    .filter(handle -> handle.info().command().map(command -> command.contains("postgres")).orElse(false));
            List<ProcessHandle> processes = new ArrayList<>();
            postmaster.ifPresent(handle -> {
                processes.add(handle);
                processes.addAll(handle.descendants().toList());
            });
            return processes;
        } catch (IOException | NumberFormatException e) {
            return List.of();
        }
    }

    @Override
    public void close() {
        if (Files.exists(root)) {
            stop();
        }
    }

    private String logText() {
        try {
            return new String(Files.readAllBytes(log), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

}
