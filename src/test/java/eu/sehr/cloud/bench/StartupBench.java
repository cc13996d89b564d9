package eu.sehr.cloud.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.OptionalLong;

/**
 * Cold starts of the embedded default: {@code java -jar} in a fresh data dir, timed from the launch until
 * {@code GET /health/ready} answers 200 (polled every 10 ms), then stopped.
 */
final class StartupBench {

    private static final Duration READY_TIMEOUT = Duration.ofMinutes(5);

    private final Options options;

    StartupBench(Options options) {
        this.options = options;
    }

    Report.Table run() throws Exception {
        Report.Table table = new Report.Table("Start-up: cold start of the embedded default to ready",
                "Run", "Launch to GET /health/ready 200 (s)", "Service's own log: started in (s)", "Stopped by");
        List<Double> seconds = new ArrayList<>();
        for (int run = 1; run <= options.startupRuns(); run++) {
            System.err.printf("bench: start-up, run %d of %d%n", run, options.startupRuns());
            ChildProcess child = ChildProcess.launch(options.jar(), List.of());
            try {
                double ready = child.awaitReady(READY_TIMEOUT) / 1e9;
                OptionalLong own = child.ownStartMillis();
                boolean killed = child.stop();
                seconds.add(ready);
                table.row(Integer.toString(run), Report.number(ready, 2),
                        own.isPresent() ? Report.number(own.getAsLong() / 1000.0, 2) : "–",
                        killed ? "SIGKILL (no exit within 10 s of SIGTERM)" : "SIGTERM");
            } finally {
                child.close();
            }
        }
        Collections.sort(seconds);
        table.row("**median**", Report.number(seconds.get(seconds.size() / 2), 2), "", "");
        return table.note("`java -jar " + options.jar() + "` with SEHR_DATA_DIR a fresh temporary directory and SEHR_PORT a free "
                        + "loopback port (SEHR_HOST=127.0.0.1): the embedded PostgreSQL is initialised, S3Proxy and the MongoDB "
                        + "server start, the schema, Axon and the routes come up.")
                .note("The service's own figure is its log line, from Service.start to the HTTP server up (without JVM start-up).");
    }
}
