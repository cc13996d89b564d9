package eu.sehr.cloud.bench;

import java.io.InputStream;
import java.util.Locale;

import eu.sehr.cloud.support.Api;
import eu.sehr.cloud.support.Api.Citizen;

/**
 * Large records, one at a time: a streamed upload through the gateway against a put of the same bytes straight to
 * S3, and a streamed download through the gateway against a get of the same object, each repeated, interleaved so
 * that drift affects both paths alike.
 */
final class LargeRecords {

    private static final String OBJECT = "BENCH_LARGE";
    private static final long SEED = 0x5EB1A26EL;
    private static final long WARM_UP_BYTES = 8 * GeneratedBytes.MIB;

    private final Options options;
    private final Api api;
    private final GatewayClient gateway;
    private final DirectStorage direct;

    LargeRecords(Options options, Api api, GatewayClient gateway, DirectStorage direct) {
        this.options = options;
        this.api = api;
        this.gateway = gateway;
        this.direct = direct;
    }

    Report.Table run() throws Exception {
        long size = options.largeMib() * GeneratedBytes.MIB;
        Citizen citizen = Citizens.consenting(api);
        String expectedSha = GeneratedBytes.sha256Hex(SEED, size);
        warmUp(citizen);

        Throughput gatewayUp = new Throughput();
        Throughput directUp = new Throughput();
        Throughput gatewayDown = new Throughput();
        Throughput directDown = new Throughput();
        for (int i = 0; i < options.repeat(); i++) {
            System.err.printf("bench: large records, round %d of %d%n", i + 1, options.repeat());
            MachineCpu.Sample begin = MachineCpu.now();
            String sha = gateway.upload(citizen.token(), OBJECT, () -> new GeneratedBytes(SEED, size), size);
            gatewayUp.add(size, begin);
            if (!sha.equals(expectedSha)) {
                throw new IllegalStateException("the gateway stored other bytes: SHA-256 " + sha + ", sent " + expectedSha);
            }

            String directKey = "bench/direct-" + i;
            begin = MachineCpu.now();
            direct.put(directKey, new GeneratedBytes(SEED, size), size);
            directUp.add(size, begin);

            begin = MachineCpu.now();
            long received;
            try (InputStream in = gateway.open(citizen.token(), citizen.username(), OBJECT)) {
                received = Streams.drain(in, null);
            }
            gatewayDown.add(requireSize(received, size, "gateway download"), begin);

            begin = MachineCpu.now();
            received = direct.read(directKey);
            directDown.add(requireSize(received, size, "direct download"), begin);
            direct.remove(directKey);
        }
        String title = String.format(Locale.ROOT, "Large records: %d MiB, %d rounds, one transfer at a time", options.largeMib(), options.repeat());
        return new Report.Table(title, "Operation", "Gateway MiB/s, median (min–max)", "Direct S3 MiB/s, median (min–max)",
                "Gateway / direct (medians)", "Machine CPU s per GiB: gateway / direct")
                .row("upload (streamed, Content-Length)", gatewayUp.summary(), directUp.summary(), gatewayUp.ratioTo(directUp),
                        gatewayUp.cpuPerGib() + " / " + directUp.cpuPerGib())
                .row("download (streamed)", gatewayDown.summary(), directDown.summary(), gatewayDown.ratioTo(directDown),
                        gatewayDown.cpuPerGib() + " / " + directDown.cpuPerGib())
                .note("Gateway: POST /citizen/upload and GET /citizen/{bucket}/{object} with a citizen token, the cloud consent "
                        + "checked and each access appended to the hash-chained event store; direct: the service's MinIO client on "
                        + "the same S3Proxy (put and get: key bench/direct-N, the same bytes).")
                .note("OkHttp on both paths (the benchmark's client for the gateway, MinIO's for S3), so the ratio compares "
                        + "the gateway with S3, not two HTTP clients.")
                .note("The bytes are generated on the fly (constant memory); the gateway's SHA-256 of every upload was checked.")
                .note("Client, gateway, S3Proxy and the embedded stores share this machine's processors; the CPU column is the "
                        + "whole machine's busy processor time (/proc/stat) during the transfer, per GiB (median).");
    }

    /** One small transfer each way on both paths, not measured: connections, JIT and the stores warmed up. */
    private void warmUp(Citizen citizen) throws Exception {
        gateway.upload(citizen.token(), OBJECT, () -> new GeneratedBytes(SEED, WARM_UP_BYTES), WARM_UP_BYTES);
        try (InputStream in = gateway.open(citizen.token(), citizen.username(), OBJECT)) {
            Streams.drain(in, null);
        }
        direct.put("bench/direct-warm-up", new GeneratedBytes(SEED, WARM_UP_BYTES), WARM_UP_BYTES);
        direct.read("bench/direct-warm-up");
        direct.remove("bench/direct-warm-up");
    }

    private static long requireSize(long received, long size, String what) {
        if (received != size) {
            throw new IllegalStateException(what + " returned " + received + " bytes instead of " + size);
        }
        return received;
    }
}
