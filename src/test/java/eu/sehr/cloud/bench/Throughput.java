package eu.sehr.cloud.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * Repeated transfers of one size: MiB/s of each, and their median, minimum and maximum; and the machine's processor
 * time each took, per GiB.
 */
final class Throughput {

    private final List<Double> mibPerSecond = new ArrayList<>();
    private final List<Double> cpuSecondsPerGib = new ArrayList<>();

    /** Adds one transfer of {@code bytes} that started at {@code begin} and ended now. */
    void add(long bytes, MachineCpu.Sample begin) {
        MachineCpu.Sample end = MachineCpu.now();
        mibPerSecond.add(bytes / (double) GeneratedBytes.MIB / ((end.nanos() - begin.nanos()) / 1e9));
        cpuSecondsPerGib.add(end.busySecondsSince(begin) / (bytes / (double) (1024 * GeneratedBytes.MIB)));
    }

    boolean isEmpty() {
        return mibPerSecond.isEmpty();
    }

    /** The median machine processor-seconds per GiB transferred. */
    String cpuPerGib() {
        return isEmpty() ? "–" : Report.number(Report.median(cpuSecondsPerGib), 2);
    }

    /** {@code median (min–max)} in MiB/s. */
    String summary() {
        return Report.spread(mibPerSecond, 1);
    }

    /** This median over the other's, e.g. gateway over direct. */
    String ratioTo(Throughput other) {
        return isEmpty() || other.isEmpty() ? "–" : Report.number(Report.median(mibPerSecond) / Report.median(other.mibPerSecond), 2);
    }
}
