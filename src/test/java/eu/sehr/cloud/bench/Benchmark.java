package eu.sehr.cloud.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import ch.qos.logback.classic.Level;
import eu.sehr.cloud.bench.Options.Section;
import eu.sehr.cloud.infra.Settings;
import eu.sehr.cloud.support.RunningService;
import eu.sehr.cloud.support.RunningService.Started;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/**
 * The performance benchmark of S-EHR Cloud: the gateway against direct storage for large and small records, the
 * audit's projection lag, replay and verification, cold start-up, and memory under a small heap. A main class,
 * not a test: it measures and reports, it asserts nothing about timings. Run it with {@code bench/run.sh --help}.
 * <p>
 * Progress goes to standard error; the Markdown report to standard output and to {@code --report}.
 */
public final class Benchmark {

    /** Settings that would point the in-process service away from the embedded defaults on loopback. */
    private static final List<String> EXTERNAL_STORES = List.of("sehr.s3.endpoint", "sehr.postgres.url", "sehr.mongodb.uri");

    private final Options options;
    private final Report report;

    private Benchmark(Options options, String commandLine) {
        this.options = options;
        this.report = new Report(commandLine, Machine.describe());
    }

    public static void main(String[] args) {
        CommandLine command = Options.commandLine(new Options());
        Options options;
        try {
            options = Options.parse(command, args);
        } catch (ParameterException e) {
            System.err.println("bench: " + e.getMessage());
            command.usage(System.err);
            System.exit(2);
            return;
        }
        if (command.isUsageHelpRequested()) {
            command.usage(System.out);
            return;
        }
        if (!options.verbose()) {
            quietLogs();
        }
        String commandLine = System.getProperty("bench.command",
                "java eu.sehr.cloud.bench.Benchmark " + String.join(" ", args)).trim();
        boolean failed = new Benchmark(options, commandLine).run();
        // the in-process service leaves non-daemon threads of its libraries behind
        System.exit(failed ? 1 : 0);
    }

    /** Runs the selected sections; whether any failed. */
    private boolean run() {
        long begin = System.nanoTime();
        if (options.anyInProcess()) {
            inProcess();
        }
        section(Section.STARTUP, "Start-up", () -> report.add(new StartupBench(options).run()));
        section(Section.MEMORY, "Memory", () -> report.add(new MemoryBench(options).run()));
        String markdown = report.markdown((System.nanoTime() - begin) / 1e9);
        System.out.println();
        System.out.print(markdown);
        write(markdown);
        return report.anyFailed();
    }

    /** The sections measured against one service started in this JVM on the embedded defaults. */
    private void inProcess() {
        Settings settings = Settings.load();
        List<String> external = EXTERNAL_STORES.stream().filter(key -> settings.find(key).isPresent()).toList();
        if (!external.isEmpty()) {
            report.failed("In-process sections", new IllegalStateException("configured stores " + external
                    + ": the benchmark measures the embedded defaults on loopback; unset them (SEHR_S3_ENDPOINT, ...)"));
            return;
        }
        Path dataDir = RunningService.tempDir();
        System.err.println("bench: starting the service in-process, data in " + dataDir);
        try (Started started = Started.start(dataDir, Map.of())) {
            GatewayClient gateway = new GatewayClient("http://127.0.0.1:" + started.port());
            DirectStorage direct = new DirectStorage(started.service().stores().minio(), started.service().stores().bucket());
            section(Section.LARGE, "Large records",
                    () -> report.add(new LargeRecords(options, started.api(), gateway, direct).run()));
            section(Section.SMALL, "Small records",
                    () -> new SmallRecords(options, started.api(), gateway, direct).run().forEach(report::add));
            section(Section.AUDIT, "Audit",
                    () -> report.add(new AuditBench(options, started, gateway).run()));
        } catch (RuntimeException | AssertionError e) {
            e.printStackTrace();
            report.failed("In-process service", e);
        } finally {
            Streams.deleteTree(dataDir);
        }
    }

    @FunctionalInterface
    private interface Part {
        void run() throws Exception;
    }

    /** Runs one section if selected; a failure is reported and the next section runs. */
    private void section(Section section, String title, Part part) {
        if (!options.runs(section)) {
            return;
        }
        System.err.println("bench: --- " + section.label() + " ---");
        try {
            part.run();
        } catch (Exception | AssertionError e) {
            // AssertionError: an unexpected HTTP status in a set-up step (Api.Response.expect)
            e.printStackTrace();
            report.failed(title, e);
        }
    }

    private void write(String markdown) {
        try {
            Path file = options.reportFile().toAbsolutePath();
            Files.createDirectories(file.getParent());
            Files.writeString(file, markdown, StandardCharsets.UTF_8);
            System.err.println("bench: report written to " + file);
        } catch (IOException e) {
            System.err.println("bench: could not write the report: " + e);
        }
    }

    /** The service logs at WARN and above only, so that progress and the report stay readable. */
    private static void quietLogs() {
        if (LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME) instanceof ch.qos.logback.classic.Logger root) {
            root.setLevel(Level.WARN);
        }
    }
}
