package eu.sehr.cloud.bench;

import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.function.IntFunction;

import eu.sehr.cloud.support.Api;
import eu.sehr.cloud.support.Api.Citizen;

/**
 * Small records under concurrent load: each client is its own citizen with its own record; the audited gateway
 * download and upload against a direct S3 get and put of the same size, with the audit projection's lag sampled
 * while the gateway loads run.
 */
final class SmallRecords {

    private static final String OBJECT = "BENCH_SMALL";
    private static final String UPLOADED = "BENCH_SMALL_UP";
    private static final long SEED = 0x5A11L;
    private static final Duration LAG_EVERY = Duration.ofMillis(100);

    private final Options options;
    private final Api api;
    private final GatewayClient gateway;
    private final DirectStorage direct;

    SmallRecords(Options options, Api api, GatewayClient gateway, DirectStorage direct) {
        this.options = options;
        this.api = api;
        this.gateway = gateway;
        this.direct = direct;
    }

    List<Report.Table> run() throws Exception {
        int size = options.smallKib() * 1024;
        byte[] record = GeneratedBytes.bytes(SEED, size);
        System.err.printf("bench: small records, %d citizens%n", options.clients());
        List<Citizen> citizens = Citizens.consenting(api, options.clients());
        for (int client = 0; client < citizens.size(); client++) {
            gateway.upload(citizens.get(client).token(), OBJECT, record);
            direct.put(directReadKey(client), new ByteArrayInputStream(record), size);
        }

        Measured gatewayDown = measure("gateway download", true, client -> {
            Citizen citizen = citizens.get(client);
            return () -> requireSize(gateway.download(citizen.token(), citizen.username(), OBJECT), size);
        });
        Measured directDown = measure("direct download", false, client -> {
            String key = directReadKey(client);
            return () -> requireSize(direct.read(key), size);
        });
        Measured gatewayUp = measure("gateway upload", true, client -> {
            Citizen citizen = citizens.get(client);
            return () -> gateway.upload(citizen.token(), UPLOADED, record);
        });
        Measured directUp = measure("direct upload", false, client -> {
            String key = "bench/small-" + client;
            return () -> direct.put(key, new ByteArrayInputStream(record), size);
        });

        String title = String.format(Locale.ROOT, "Small records: %d KiB, %d concurrent clients, %d s each (after %d s warm-up)",
                options.smallKib(), options.clients(), options.seconds(), options.warmup().toSeconds());
        Report.Table load = new Report.Table(title, "Operation", "Path", "Requests/s", "p50 ms", "p99 ms", "max ms",
                "Requests", "Errors", "Machine CPU ms per request");
        row(load, "download", "gateway (audited)", gatewayDown);
        row(load, "download", "direct S3", directDown);
        ratio(load, "download", gatewayDown, directDown);
        row(load, "upload", "gateway (audited)", gatewayUp);
        row(load, "upload", "direct S3", directUp);
        ratio(load, "upload", gatewayUp, directUp);
        load.note("Closed loop: each client sends its next request when the previous one answered; a client stops at the end "
                        + "of the duration or after " + Report.count(options.maxRequestsPerClient()) + " requests.")
                .note("Gateway: GET /citizen/{bucket}/{object} and POST /citizen/upload, each appending its event to the citizen's "
                        + "hash-chained stream before answering; direct: the service's MinIO client on the same S3Proxy. "
                        + "Latencies from HdrHistogram (successful requests only); the gateway / direct rows are ratios "
                        + "(requests/s, p50, p99, CPU).")
                .note("Machine CPU: the whole machine's busy processor time (/proc/stat: load generator, service, S3Proxy, "
                        + "PostgreSQL, MongoDB server, kernel) during the measured load, per request. On a saturated machine "
                        + "requests/s is about the processors divided by this cost.")
                .note("OkHttp (HTTP/1.1) on both paths: the benchmark's own client for the gateway, MinIO's for S3; clients, gateway and stores "
                        + "share one JVM and this machine's processors.");

        Report.Table lag = new Report.Table("Audit projection lag during the small-record load",
                "During", "Samples", "Seconds behind: p50 / p99 / max", "Events behind: p50 / p99 / max", "Failed samples")
                .note("Sampled every " + LAG_EVERY.toMillis() + " ms from GET /metrics: " + LagSampler.LAG_SECONDS
                        + " (the age of the oldest event the citizen audit view has not projected) and "
                        + LagSampler.LAG_EVENTS + " (the event store's head position minus the projection's position).");
        lagRow(lag, "gateway download load", gatewayDown.lag());
        lagRow(lag, "gateway upload load", gatewayUp.lag());
        return List.of(load, lag);
    }

    private record Measured(LoadRun.Result load, LagSampler.Result lag, double cpuSeconds) {

        double cpuMillisPerRequest() {
            long requests = load.requests() + load.errors();
            return requests == 0 ? Double.NaN : cpuSeconds * 1000 / requests;
        }
    }

    private Measured measure(String what, boolean sampleLag, IntFunction<LoadRun.Request> requests) throws InterruptedException {
        if (!options.warmup().isZero()) {
            System.err.printf("bench: %s, warm-up %d s%n", what, options.warmup().toSeconds());
            LoadRun.run(options.clients(), options.warmup(), options.maxRequestsPerClient(), requests);
        }
        System.err.printf("bench: %s, %d clients for %d s%n", what, options.clients(), options.seconds());
        LagSampler sampler = sampleLag ? LagSampler.start(gateway, LAG_EVERY) : null;
        LoadRun.Result load;
        MachineCpu.Sample begin = MachineCpu.now();
        try {
            load = LoadRun.run(options.clients(), options.measured(), options.maxRequestsPerClient(), requests);
        } catch (InterruptedException | RuntimeException e) {
            if (sampler != null) {
                sampler.stop();
            }
            throw e;
        }
        double cpuSeconds = MachineCpu.now().busySecondsSince(begin);
        return new Measured(load, sampler == null ? null : sampler.stop(), cpuSeconds);
    }

    private static void row(Report.Table table, String operation, String path, Measured measured) {
        LoadRun.Result result = measured.load();
        table.row(operation, path, Report.number(result.perSecond(), 0), Report.number(result.millis(50), 2),
                Report.number(result.millis(99), 2), Report.number(result.maxMillis(), 2), Report.count(result.requests()),
                result.errorsText(), Report.number(measured.cpuMillisPerRequest(), 2));
    }

    private static void ratio(Report.Table table, String operation, Measured gatewayRun, Measured directRun) {
        LoadRun.Result gateway = gatewayRun.load();
        LoadRun.Result direct = directRun.load();
        table.row(operation, "**gateway / direct**", Report.number(gateway.perSecond() / direct.perSecond(), 2),
                Report.number(gateway.millis(50) / direct.millis(50), 2), Report.number(gateway.millis(99) / direct.millis(99), 2),
                "", "", "", Report.number(gatewayRun.cpuMillisPerRequest() / directRun.cpuMillisPerRequest(), 2));
    }

    private static void lagRow(Report.Table table, String during, LagSampler.Result lag) {
        table.row(during, Report.count(lag.samples()), lag.seconds(), lag.events(), Report.count(lag.failures()));
    }

    private static void requireSize(long received, long size) {
        if (received != size) {
            throw new IllegalStateException("received " + received + " bytes instead of " + size);
        }
    }

    /** The direct path reads its own copy of each client's record (the gateway keeps records under versioned keys). */
    private static String directReadKey(int client) {
        return "bench/small-read-" + client;
    }
}
