package eu.sehr.cloud.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** What the figures were measured on: processors, CPU model, memory, the Java runtime and the OS. */
final class Machine {

    private Machine() {
    }

    static Report.Table describe() {
        return new Report.Table("Machine", "Property", "Value")
                .row("date", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString())
                .row("nproc (available processors)", Integer.toString(Runtime.getRuntime().availableProcessors()))
                .row("CPU model", procField(Path.of("/proc/cpuinfo"), "model name").orElse("unknown"))
                .row("total memory", procField(Path.of("/proc/meminfo"), "MemTotal")
                        .map(Machine::kibToGib).orElse("unknown"))
                .row("java -version", javaVersion())
                .row("OS", System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"))
                .row("benchmark JVM max heap (shared with the in-process service)",
                        Report.number(Runtime.getRuntime().maxMemory() / (double) GeneratedBytes.MIB, 0) + " MiB");
    }

    /** A {@code key : value} field of a /proc file, e.g. {@code model name} of /proc/cpuinfo. */
    static Optional<String> procField(Path file, String key) {
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).trim().equals(key)) {
                    return Optional.of(line.substring(colon + 1).trim());
                }
            }
        } catch (IOException e) {
            // not Linux, or not readable
        }
        return Optional.empty();
    }

    /** {@code 123456 kB} as GiB. */
    static String kibToGib(String kib) {
        String digits = kib.replaceAll("[^0-9]", "");
        return digits.isEmpty() ? kib : Report.number(Long.parseLong(digits) / 1024.0 / 1024.0, 1) + " GiB";
    }

    /** The first lines of {@code java -version} of the runtime the benchmark and its child processes use. */
    private static String javaVersion() {
        try {
            Process process = new ProcessBuilder(ChildProcess.javaBinary().toString(), "-version").redirectErrorStream(true).start();
            String text;
            try (InputStream out = process.getInputStream()) {
                text = new String(out.readAllBytes(), StandardCharsets.UTF_8);
            }
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
            List<String> lines = text.lines().map(String::trim).filter(l -> !l.isEmpty()).toList();
            return String.join("; ", lines);
        } catch (IOException e) {
            return "unknown (" + e.getMessage() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }
}
