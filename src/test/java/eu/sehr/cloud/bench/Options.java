package eu.sehr.cloud.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The benchmark's command line (picocli): {@code --name value} or {@code --name=value}; every option has a default. */
@Command(name = "bench/run.sh", sortOptions = false,
        description = "The performance benchmark: the gateway against direct storage, the audit, start-up and memory.")
final class Options {

    /** The parts of the benchmark, in the order they run. */
    enum Section {
        LARGE, SMALL, AUDIT, STARTUP, MEMORY;

        boolean inProcess() {
            return this == LARGE || this == SMALL || this == AUDIT;
        }

        String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    @Spec
    CommandSpec spec;

    @Option(names = "--only", split = ",", paramLabel = "LIST",
            description = "sections to run, comma separated: large,small,audit,startup,memory (default: all)")
    List<Section> only = List.of();

    @Option(names = "--skip-audit", description = "leave out the audit section (event generation, replay, verification)")
    boolean skipAudit;

    @Option(names = "--large-mib", paramLabel = "N", description = "size of the large record in MiB (default ${DEFAULT-VALUE})")
    int largeMib = 256;

    @Option(names = "--repeat", paramLabel = "N", description = "repetitions of each large transfer (default ${DEFAULT-VALUE})")
    int repeat = 5;

    @Option(names = "--clients", paramLabel = "N", description = "concurrent clients of the small-record load (default ${DEFAULT-VALUE})")
    int clients = 32;

    @Option(names = "--seconds", paramLabel = "N", description = "measured seconds of each small-record load (default ${DEFAULT-VALUE})")
    int seconds = 20;

    @Option(names = "--warmup-seconds", paramLabel = "N", description = "unmeasured seconds before each small-record load (default ${DEFAULT-VALUE})")
    int warmupSeconds = 5;

    @Option(names = "--small-kib", paramLabel = "N", description = "size of a small record in KiB (default ${DEFAULT-VALUE})")
    int smallKib = 4;

    @Option(names = "--max-requests", paramLabel = "N", converter = Underscored.class,
            description = "upper bound of requests per client and load (default ${DEFAULT-VALUE})")
    long maxRequestsPerClient = 1_000_000;

    @Option(names = "--replay-events", paramLabel = "N", converter = Underscored.class,
            description = "events generated for the replay and verification (default ${DEFAULT-VALUE})")
    long replayEvents = 1_000_000;

    @Option(names = "--replay-accounts", paramLabel = "N", description = "citizens the generated events are spread over (default ${DEFAULT-VALUE})")
    int replayAccounts = 1000;

    @Option(names = "--replay-threads", paramLabel = "N", description = "threads sending the generating commands (default 2 x processors)")
    int replayThreads = 2 * Runtime.getRuntime().availableProcessors();

    @Option(names = "--audit-timeout-minutes", paramLabel = "N", description = "longest wait for the replay (default ${DEFAULT-VALUE})")
    int auditTimeoutMinutes = 120;

    @Option(names = "--audit-rounds", paramLabel = "N", description = "rounds of the replay and of each verification (default ${DEFAULT-VALUE})")
    int auditRounds = 3;

    @Option(names = "--startup-runs", paramLabel = "N", description = "cold starts to time (default ${DEFAULT-VALUE})")
    int startupRuns = 3;

    @Option(names = "--memory-mib", paramLabel = "N", description = "size of the record of the memory check in MiB (default ${DEFAULT-VALUE})")
    int memoryMib = 1024;

    @Option(names = "--memory-heap", paramLabel = "SIZE", description = "-Xmx of the service in the memory check (default ${DEFAULT-VALUE})")
    String memoryHeap = "256m";

    @Option(names = "--jar", paramLabel = "PATH", description = "the service's jar for start-up and memory (default ${DEFAULT-VALUE})")
    Path jar = Path.of("target/sehr-cloud.jar");

    @Option(names = "--report", paramLabel = "PATH", description = "also write the Markdown report here (default ${DEFAULT-VALUE})")
    Path reportFile = Path.of("target/bench-report.md");

    @Option(names = "--verbose", description = "keep the service's INFO logs")
    boolean verbose;

    @Option(names = "--help", usageHelp = true, description = "this text")
    boolean help;

    /** The command line of these options, section names in any case. */
    static CommandLine commandLine(Options options) {
        return new CommandLine(options).setCaseInsensitiveEnumValuesAllowed(true);
    }

    /** Parses the arguments into these options; a wrong or out-of-range value is a {@link ParameterException}. */
    static Options parse(CommandLine command, String... args) {
        command.parseArgs(args);
        Options options = command.getCommand();
        options.check();
        return options;
    }

    private void check() {
        for (var option : List.of(largeMib, repeat, clients, seconds, smallKib, replayAccounts, replayThreads,
                auditTimeoutMinutes, auditRounds, startupRuns, memoryMib)) {
            if (option < 1) {
                throw new ParameterException(spec.commandLine(), "sizes, counts and durations must be whole numbers from 1");
            }
        }
        if (warmupSeconds < 0 || replayEvents < 0 || maxRequestsPerClient < 1) {
            throw new ParameterException(spec.commandLine(), "--warmup-seconds and --replay-events must not be negative, "
                    + "--max-requests must be at least 1");
        }
    }

    Set<Section> sections() {
        Set<Section> sections = only.isEmpty() ? EnumSet.allOf(Section.class) : EnumSet.copyOf(only);
        if (skipAudit) {
            sections.remove(Section.AUDIT);
        }
        return sections;
    }

    boolean runs(Section section) {
        return sections().contains(section);
    }

    boolean anyInProcess() {
        return sections().stream().anyMatch(Section::inProcess);
    }

    int largeMib() {
        return largeMib;
    }

    int repeat() {
        return repeat;
    }

    int clients() {
        return clients;
    }

    int seconds() {
        return seconds;
    }

    int smallKib() {
        return smallKib;
    }

    long maxRequestsPerClient() {
        return maxRequestsPerClient;
    }

    long replayEvents() {
        return replayEvents;
    }

    int replayAccounts() {
        return replayAccounts;
    }

    int replayThreads() {
        return replayThreads;
    }

    int auditTimeoutMinutes() {
        return auditTimeoutMinutes;
    }

    int auditRounds() {
        return auditRounds;
    }

    int startupRuns() {
        return startupRuns;
    }

    int memoryMib() {
        return memoryMib;
    }

    String memoryHeap() {
        return memoryHeap;
    }

    Path jar() {
        return jar;
    }

    Path reportFile() {
        return reportFile;
    }

    boolean verbose() {
        return verbose;
    }

    Duration measured() {
        return Duration.ofSeconds(seconds);
    }

    Duration warmup() {
        return Duration.ofSeconds(Math.min(warmupSeconds, seconds));
    }

    /** Whole numbers written with underscores, e.g. {@code 1_000_000}. */
    static final class Underscored implements CommandLine.ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            return Long.parseLong(value.replace("_", ""));
        }
    }
}
