package eu.sehr.cloud.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import ch.qos.logback.classic.Level;
import eu.sehr.cloud.infra.Settings;
import eu.sehr.cloud.support.Api.Citizen;
import eu.sehr.cloud.support.RunningService;
import eu.sehr.cloud.support.RunningService.Started;
import org.HdrHistogram.Histogram;
import org.awaitility.Awaitility;
import org.slf4j.LoggerFactory;

/**
 * The transparency log's figures (README "Transparency log"): proof serving in a tree of a million leaves
 * ({@link ProofBench}) and the log's lag behind a small-record load like {@code yardstick-small.sh}'s (32 citizens,
 * 32 connections downloading a 4 KiB record, each download an audited event), sampled by {@link LogLagSampler}.
 * A main class that measures and reports; it asserts nothing about timings.
 *
 * <p>{@code java ... eu.sehr.cloud.bench.LogBench [--leaves N] [--samples N] [--seconds S] [--clients C]}
 */
public final class LogBench {

    private static final int RECORD_BYTES = 4096;
    private static final Duration SAMPLE_EVERY = Duration.ofMillis(100);

    private LogBench() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        long leaves = Long.parseLong(options.getOrDefault("leaves", "1000000"));
        int samples = Integer.parseInt(options.getOrDefault("samples", "10000"));
        int seconds = Integer.parseInt(options.getOrDefault("seconds", "20"));
        int clients = Integer.parseInt(options.getOrDefault("clients", "32"));
        if (LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME) instanceof ch.qos.logback.classic.Logger root) {
            root.setLevel(Level.WARN);
        }
        Path dataDir = RunningService.tempDir();
        StringBuilder report = new StringBuilder();
        try (Started started = Started.start(dataDir, Map.of())) {
            if (leaves > 0) {
                ProofBench proofs = new ProofBench(started.service().stores().dataSource(), leaves, samples);
                report.append(proofs.run().markdown()).append('\n');
            }
            if (seconds > 0) {
                report.append(lag(started, seconds, clients).markdown()).append('\n');
            }
            report.append(proofsOverHttp(started, samples).markdown());
        } finally {
            Streams.deleteTree(dataDir);
        }
        System.out.println(report);
        Files.writeString(Path.of("target", "log-bench-report.md"), report, StandardCharsets.UTF_8);
        // the in-process service leaves non-daemon threads of its libraries behind
        System.exit(0);
    }

    private static Report.Table lag(Started started, int seconds, int clients) throws Exception {
        System.err.printf("bench: log lag, %d clients for %d s%n", clients, seconds);
        List<Citizen> citizens = Citizens.consenting(started.api(), clients);
        GatewayClient gateway = new GatewayClient("http://127.0.0.1:" + started.port());
        byte[] record = GeneratedBytes.bytes(1, RECORD_BYTES);
        citizens.forEach(citizen -> gateway.upload(citizen.token(), "SMALL", record));
        Duration maxMergeDelay = Settings.load().getDuration("sehr.log.max-merge-delay");
        var dataSource = started.service().stores().dataSource();
        long eventsBefore = events(started);
        AtomicLong downloads = new AtomicLong();
        LogLagSampler sampler = LogLagSampler.start(dataSource, SAMPLE_EVERY);
        long begin = System.nanoTime();
        long end = begin + Duration.ofSeconds(seconds).toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (Citizen citizen : citizens) {
                running.add(pool.submit(() -> {
                    while (System.nanoTime() < end) {
                        gateway.download(citizen.token(), citizen.username(), "SMALL");
                        downloads.incrementAndGet();
                    }
                }));
            }
            for (Future<?> client : running) {
                client.get();
            }
        } finally {
            pool.shutdownNow();
        }
        double elapsed = (System.nanoTime() - begin) / 1e9;
        long events = events(started) - eventsBefore;
        long drainBegin = System.nanoTime();
        Awaitility.await("every event in a checkpoint").pollInterval(Duration.ofMillis(20)).atMost(Duration.ofSeconds(60))
                .until(() -> sampler.checkpointLagNow().isZero());
        double drained = (System.nanoTime() - drainBegin) / 1e9;
        LogLagSampler.Result lag = sampler.stop();
        return new Report.Table("Transparency log: lag during a small-record load", "Measure", "Value")
                .row("load", String.format(Locale.ROOT, "%d clients, %.0f s: %.0f downloads/s, %.0f events/s appended",
                        clients, elapsed, downloads.get() / elapsed, events / elapsed))
                .row("sequencing lag p50 / p99 / max (s): oldest event not yet a leaf", lag.sequencingSeconds())
                .row("checkpoint lag p50 / p99 / max (s): oldest event not in the latest checkpoint", lag.checkpointSeconds())
                .row("max merge delay (sehr.log.max-merge-delay)", maxMergeDelay.toMillis() / 1000.0 + " s")
                .row("after the load, every event checkpointed within", String.format(Locale.ROOT, "%.2f s", drained))
                .note(String.format(Locale.ROOT, "%d samples every %d ms (%d failed); ages against the events' stored "
                                + "timestamps, read with SQL from the service's PostgreSQL.", lag.sequencing().getTotalCount(),
                        SAMPLE_EVERY.toMillis(), lag.failures()));
    }

    /** Inclusion proofs through {@code GET /log/proof/inclusion} in the service's own tree: the HTTP layer's share. */
    private static Report.Table proofsOverHttp(Started started, int samples) {
        long size = Long.parseLong(started.api().get("/log/checkpoint", null).expect(200).text().lines().skip(1)
                .findFirst().orElseThrow());
        SplittableRandom random = new SplittableRandom(3);
        Histogram micros = new Histogram(3);
        int warmUp = Math.min(samples, 1000);
        for (int i = 0; i < warmUp + samples && size > 0; i++) {
            long begin = System.nanoTime();
            started.api().get("/log/proof/inclusion?index=" + random.nextLong(size) + "&size=" + size, null).expect(200);
            if (i >= warmUp) {
                micros.recordValue((System.nanoTime() - begin) / 1000);
            }
        }
        return new Report.Table("Transparency log: GET /log/proof/inclusion over HTTP", "Measure", "Value")
                .row("tree size (the service's own log after the load)", String.format(Locale.ROOT, "%,d", size))
                .row("p50 / p99 / max (ms)", String.format(Locale.ROOT, "%.2f / %.2f / %.2f",
                        micros.getValueAtPercentile(50) / 1000.0, micros.getValueAtPercentile(99) / 1000.0,
                        micros.getMaxValue() / 1000.0))
                .note(samples + " requests after " + warmUp + " to warm up, one client on loopback (the test client, "
                        + "JDK HttpClient, in the service's JVM).");
    }

    private static long events(Started started) throws Exception {
        try (var connection = started.service().stores().dataSource().getConnection();
             var statement = connection.prepareStatement("SELECT count(*) FROM domainEventEntry");
             var rows = statement.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new java.util.HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("expected --name value, got " + args[i]);
            }
            options.put(args[i].substring(2), args[i + 1]);
        }
        return options;
    }
}
