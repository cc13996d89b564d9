package eu.sehr.cloud.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The whole machine's processor time from {@code /proc/stat}: every process (load generator, service, S3Proxy,
 * PostgreSQL, MongoDB server) and the kernel. What an operation costs in processor time, next to how fast it ran,
 * shows where a CPU-bound machine puts its limit.
 */
final class MachineCpu {

    private static final Path PROC_STAT = Path.of("/proc/stat");

    /** Cumulative busy and total ticks of all processors, with the wall time they were read at. */
    record Sample(long busyTicks, long totalTicks, long nanos) {

        /** Processor-seconds spent busy since {@code earlier} (the busy share of all ticks, times processors and wall time). */
        double busySecondsSince(Sample earlier) {
            long total = totalTicks - earlier.totalTicks;
            if (total <= 0 || busyTicks < 0 || earlier.busyTicks < 0) {
                return Double.NaN;
            }
            double busyShare = (busyTicks - earlier.busyTicks) / (double) total;
            return busyShare * Runtime.getRuntime().availableProcessors() * (nanos - earlier.nanos) / 1e9;
        }
    }

    private MachineCpu() {
    }

    /** Now; busy ticks are -1 where {@code /proc/stat} cannot be read (then every figure is NaN). */
    static Sample now() {
        long nanos = System.nanoTime();
        try {
            List<String> lines = Files.readAllLines(PROC_STAT);
            // cpu  user nice system idle iowait irq softirq steal ...
            String[] fields = lines.get(0).trim().split("\\s+");
            long busy = 0;
            long total = 0;
            for (int i = 1; i < fields.length && i <= 8; i++) {
                long ticks = Long.parseLong(fields[i]);
                total += ticks;
                if (i != 4 && i != 5) {
                    busy += ticks;
                }
            }
            return new Sample(busy, total, nanos);
        } catch (IOException | RuntimeException e) {
            return new Sample(-1, -1, nanos);
        }
    }
}
