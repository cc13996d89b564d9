package eu.sehr.cloud.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** The benchmark's command line: {@code --name value} or {@code --name=value}; every option has a default. */
record Options(Set<Section> sections, int largeMib, int repeat, int clients, int seconds, int warmupSeconds,
               int smallKib, long maxRequestsPerClient, long replayEvents, int replayAccounts, int replayThreads,
               int auditTimeoutMinutes, int auditRounds, int startupRuns, int memoryMib, String memoryHeap, Path jar, Path reportFile,
               boolean verbose, boolean help) {

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

    static final String USAGE = String.join("\n",
            "Usage: bench/run.sh [options]",
            "  --only LIST              sections to run, comma separated: large,small,audit,startup,memory (default: all)",
            "  --skip-audit             leave out the audit section (event generation, replay, verification)",
            "  --large-mib N            size of the large record in MiB (default 256)",
            "  --repeat N               repetitions of each large transfer (default 5)",
            "  --clients N              concurrent clients of the small-record load (default 32)",
            "  --seconds N              measured seconds of each small-record load (default 20)",
            "  --warmup-seconds N       unmeasured seconds before each small-record load (default 5)",
            "  --small-kib N            size of a small record in KiB (default 4)",
            "  --max-requests N         upper bound of requests per client and load (default 1000000)",
            "  --replay-events N        events generated for the replay and verification (default 1000000)",
            "  --replay-accounts N      citizens the generated events are spread over (default 1000)",
            "  --replay-threads N       threads sending the generating commands (default 2 x processors)",
            "  --audit-timeout-minutes N  longest wait for the replay (default 120)",
            "  --audit-rounds N         rounds of the replay and of each verification (default 3)",
            "  --startup-runs N         cold starts to time (default 3)",
            "  --memory-mib N           size of the record of the memory check in MiB (default 1024)",
            "  --memory-heap SIZE       -Xmx of the service in the memory check (default 256m)",
            "  --jar PATH               the service's jar for start-up and memory (default target/sehr-cloud.jar)",
            "  --report PATH            also write the Markdown report here (default target/bench-report.md)",
            "  --verbose                keep the service's INFO logs",
            "  --help                   this text");

    private static final Set<String> FLAGS = Set.of("skip-audit", "verbose", "help");
    private static final Set<String> VALUED = Set.of("only", "large-mib", "repeat", "clients", "seconds", "warmup-seconds",
            "small-kib", "max-requests", "replay-events", "replay-accounts", "replay-threads", "audit-timeout-minutes", "audit-rounds",
            "startup-runs", "memory-mib", "memory-heap", "jar", "report");

    static Options parse(String... args) {
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument: " + arg);
            }
            String name = arg.substring(2);
            String value;
            int equals = name.indexOf('=');
            if (equals >= 0) {
                value = name.substring(equals + 1);
                name = name.substring(0, equals);
            } else if (FLAGS.contains(name)) {
                value = "true";
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                throw new IllegalArgumentException("--" + name + " needs a value");
            }
            if (!FLAGS.contains(name) && !VALUED.contains(name)) {
                throw new IllegalArgumentException("unknown option --" + name);
            }
            values.put(name, value);
        }
        Set<Section> sections = sections(values.get("only"));
        if (Boolean.parseBoolean(values.getOrDefault("skip-audit", "false"))) {
            sections.remove(Section.AUDIT);
        }
        int processors = Runtime.getRuntime().availableProcessors();
        return new Options(sections,
                positive(values, "large-mib", 256),
                positive(values, "repeat", 5),
                positive(values, "clients", 32),
                positive(values, "seconds", 20),
                (int) Math.min(Integer.MAX_VALUE, atLeastZero(values, "warmup-seconds", 5)),
                positive(values, "small-kib", 4),
                positive(values, "max-requests", 1_000_000),
                atLeastZero(values, "replay-events", 1_000_000),
                positive(values, "replay-accounts", 1000),
                positive(values, "replay-threads", 2 * processors),
                positive(values, "audit-timeout-minutes", 120),
                positive(values, "audit-rounds", 3),
                positive(values, "startup-runs", 3),
                positive(values, "memory-mib", 1024),
                values.getOrDefault("memory-heap", "256m"),
                Path.of(values.getOrDefault("jar", "target/sehr-cloud.jar")),
                Path.of(values.getOrDefault("report", "target/bench-report.md")),
                Boolean.parseBoolean(values.getOrDefault("verbose", "false")),
                Boolean.parseBoolean(values.getOrDefault("help", "false")));
    }

    boolean runs(Section section) {
        return sections.contains(section);
    }

    boolean anyInProcess() {
        return sections.stream().anyMatch(Section::inProcess);
    }

    Duration measured() {
        return Duration.ofSeconds(seconds);
    }

    Duration warmup() {
        return Duration.ofSeconds(Math.min(warmupSeconds, seconds));
    }

    private static Set<Section> sections(String only) {
        if (only == null || only.isBlank()) {
            return EnumSet.allOf(Section.class);
        }
        Set<Section> sections = EnumSet.noneOf(Section.class);
        for (String name : only.split(",")) {
            String wanted = name.trim().toUpperCase(Locale.ROOT);
            if (Arrays.stream(Section.values()).noneMatch(s -> s.name().equals(wanted))) {
                throw new IllegalArgumentException("unknown section in --only: " + name.trim()
                        + " (one of large, small, audit, startup, memory)");
            }
            sections.add(Section.valueOf(wanted));
        }
        return sections;
    }

    private static int positive(Map<String, String> values, String name, int fallback) {
        long value = number(values, name, fallback);
        if (value < 1 || value > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("--" + name + " must be a whole number from 1 to " + Integer.MAX_VALUE);
        }
        return (int) value;
    }

    private static long atLeastZero(Map<String, String> values, String name, long fallback) {
        long value = number(values, name, fallback);
        if (value < 0) {
            throw new IllegalArgumentException("--" + name + " must not be negative");
        }
        return value;
    }

    private static long number(Map<String, String> values, String name, long fallback) {
        String value = values.get(name);
        if (value == null) {
            return fallback;
        }
        try {
            return Long.parseLong(value.replace("_", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be a whole number: " + value);
        }
    }
}
