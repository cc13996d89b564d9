package eu.sehr.cloud.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

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

    /** The median machine processor-seconds per GiB transferred. */
    String cpuPerGib() {
        return isEmpty() ? "–" : String.format(Locale.ROOT, "%.2f", median(cpuSecondsPerGib));
    }

    boolean isEmpty() {
        return mibPerSecond.isEmpty();
    }

    double median() {
        return median(mibPerSecond);
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    double min() {
        return sorted().get(0);
    }

    double max() {
        List<Double> sorted = sorted();
        return sorted.get(sorted.size() - 1);
    }

    /** {@code median (min–max)} in MiB/s. */
    String summary() {
        return isEmpty() ? "–" : String.format(Locale.ROOT, "%.1f (%.1f–%.1f)", median(), min(), max());
    }

    /** This median over the other's, e.g. gateway over direct. */
    String ratioTo(Throughput other) {
        return isEmpty() || other.isEmpty() ? "–" : String.format(Locale.ROOT, "%.2f", median() / other.median());
    }

    private List<Double> sorted() {
        List<Double> sorted = new ArrayList<>(mibPerSecond);
        Collections.sort(sorted);
        return sorted;
    }
}
