package eu.sehr.cloud.bench;

import java.io.IOException;
import java.io.InputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicReference;

import eu.sehr.cloud.support.Api;
import eu.sehr.cloud.support.Api.Citizen;

/**
 * Bounded memory: the service under a small heap takes a record several times its heap, streamed in and out, and
 * gives back the same bytes. Neither side holds the record: the client generates it and hashes it on the fly.
 */
final class MemoryBench {

    private static final long SEED = 0x6E6D0L;
    private static final String OBJECT = "BENCH_MEMORY";
    private static final Duration READY_TIMEOUT = Duration.ofMinutes(5);

    private final Options options;

    MemoryBench(Options options) {
        this.options = options;
    }

    Report.Table run() throws Exception {
        long size = options.memoryMib() * GeneratedBytes.MIB;
        String heap = "-Xmx" + options.memoryHeap();
        Report.Table table = new Report.Table("Memory: a " + options.memoryMib() + " MiB record through a service with " + heap,
                "Measure", "Value");
        System.err.printf("bench: memory, %d MiB through java %s -jar%n", options.memoryMib(), heap);
        try (ChildProcess child = ChildProcess.launch(options.jar(), List.of(heap))) {
            child.awaitReady(READY_TIMEOUT);
            Api api = new Api(child.base());
            Citizen citizen = Citizens.consenting(api);
            String outcome;
            try {
                outcome = roundTrip(child.client(), citizen, size, table);
            } catch (IOException | RuntimeException e) {
                outcome = "**fail**: " + (e.getMessage() == null ? e.toString() : e.getMessage())
                        + (child.isAlive() ? "" : " (the service exited: " + child.logTail() + ")");
            }
            table.row("SHA-256 round trip (sent = stored = downloaded, " + Report.count(size) + " bytes)", outcome)
                    .row("peak RSS of the service JVM (VmHWM)", mib(child.peakRssKib()))
                    .row("peak RSS of its embedded PostgreSQL processes (VmHWM, summed)", mib(child.postgresPeakRssKib()));
        }
        return table.note("`java " + heap + " -jar " + options.jar() + "` on the embedded defaults (S3Proxy and the MongoDB server "
                + "in the JVM, PostgreSQL in its own processes); VmHWM read from /proc/PID/status after the download.");
    }

    /** Uploads and downloads the record, both streamed and hashed on the fly: pass, or fail with the hashes. */
    private String roundTrip(GatewayClient gateway, Citizen citizen, long size, Report.Table table) throws IOException {
        AtomicReference<MessageDigest> sent = new AtomicReference<>();
        long begin = System.nanoTime();
        String stored = gateway.upload(citizen.token(), OBJECT, () -> {
            MessageDigest digest = Streams.sha256();
            sent.set(digest);
            return new DigestInputStream(new GeneratedBytes(SEED, size), digest);
        }, size);
        double uploadSeconds = (System.nanoTime() - begin) / 1e9;
        String sentSha = HexFormat.of().formatHex(sent.get().digest());

        MessageDigest received = Streams.sha256();
        begin = System.nanoTime();
        long receivedBytes;
        try (InputStream in = gateway.open(citizen.token(), citizen.username(), OBJECT)) {
            receivedBytes = Streams.drain(in, received);
        }
        double downloadSeconds = (System.nanoTime() - begin) / 1e9;
        String receivedSha = HexFormat.of().formatHex(received.digest());

        table.row("upload through the gateway (MiB/s)", Report.number(options.memoryMib() / uploadSeconds, 1))
                .row("download through the gateway (MiB/s)", Report.number(options.memoryMib() / downloadSeconds, 1));
        boolean pass = sentSha.equals(stored) && sentSha.equals(receivedSha) && receivedBytes == size;
        return pass ? "**pass**" : "**fail**: sent " + sentSha + ", stored " + stored + ", downloaded " + receivedSha
                + " (" + Report.count(receivedBytes) + " bytes)";
    }

    private static String mib(OptionalLong kib) {
        return kib.isPresent() ? Report.number(kib.getAsLong() / 1024.0, 0) + " MiB" : "unknown";
    }
}
