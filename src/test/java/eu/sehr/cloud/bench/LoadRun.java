package eu.sehr.cloud.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntFunction;

import org.HdrHistogram.Histogram;

/**
 * A closed-loop load: {@code clients} threads, each sending its requests one after the other until the duration is
 * over or it has sent {@code maxPerClient}; the latency of every successful request goes to an HdrHistogram.
 */
final class LoadRun {

    /** One request of one client; throws when it failed. */
    @FunctionalInterface
    interface Request {
        void send() throws Exception;
    }

    /** What a load achieved: successful requests, failures, the time it took and the latencies in microseconds. */
    record Result(long requests, long errors, long elapsedNanos, Histogram latencyMicros, String firstError) {

        double perSecond() {
            return requests / (elapsedNanos / 1e9);
        }

        /** A latency percentile in milliseconds. */
        double millis(double percentile) {
            return latencyMicros.getTotalCount() == 0 ? Double.NaN : latencyMicros.getValueAtPercentile(percentile) / 1000.0;
        }

        double maxMillis() {
            return latencyMicros.getTotalCount() == 0 ? Double.NaN : latencyMicros.getMaxValue() / 1000.0;
        }

        String errorsText() {
            return errors == 0 ? "0" : String.format(Locale.ROOT, "%d (first: %s)", errors, firstError);
        }
    }

    private static final long JOIN_GRACE_NANOS = Duration.ofSeconds(60).toNanos();
    private static final long HUNG_JOIN_MILLIS = 5_000;

    private LoadRun() {
    }

    static Result run(int clients, Duration duration, long maxPerClient, IntFunction<Request> requests) throws InterruptedException {
        CountDownLatch go = new CountDownLatch(1);
        AtomicReference<String> firstError = new AtomicReference<>();
        List<Client> running = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            Client client = new Client(requests.apply(i), go, maxPerClient, firstError);
            client.thread = new Thread(client, "bench-client-" + i);
            client.thread.setDaemon(true);
            running.add(client);
            client.thread.start();
        }
        long start = System.nanoTime();
        long deadline = start + duration.toNanos();
        running.forEach(client -> client.deadline = deadline);
        go.countDown();
        for (Client client : running) {
            long left = deadline + JOIN_GRACE_NANOS - System.nanoTime();
            client.thread.join(Math.max(1, left / 1_000_000));
            if (client.thread.isAlive()) {
                client.thread.interrupt();
                client.thread.join(HUNG_JOIN_MILLIS);
            }
        }
        long elapsed = System.nanoTime() - start;
        Histogram latencies = new Histogram(3);
        long requestsDone = 0;
        long errors = 0;
        long hung = 0;
        for (Client client : running) {
            if (client.thread.isAlive()) {
                hung++;
                continue;
            }
            latencies.add(client.latencies);
            requestsDone += client.done;
            errors += client.errors;
        }
        if (hung > 0) {
            firstError.compareAndSet(null, hung + " client(s) hung past the end of the load (left out)");
            errors += hung;
        }
        return new Result(requestsDone, errors, elapsed, latencies, firstError.get());
    }

    /** One client's loop; its figures are read by the starting thread once the thread ended (join: happens-before). */
    private static final class Client implements Runnable {
        private final Request request;
        private final CountDownLatch go;
        private final long maxRequests;
        private final AtomicReference<String> firstError;
        private final Histogram latencies = new Histogram(3);
        private volatile long deadline;
        private Thread thread;
        private long done;
        private long errors;

        Client(Request request, CountDownLatch go, long maxRequests, AtomicReference<String> firstError) {
            this.request = request;
            this.go = go;
            this.maxRequests = maxRequests;
            this.firstError = firstError;
        }

        @Override
        public void run() {
            try {
                go.await();
            } catch (InterruptedException e) {
                return;
            }
            for (long sent = 0; sent < maxRequests && System.nanoTime() - deadline < 0 && !Thread.currentThread().isInterrupted(); sent++) {
                long begin = System.nanoTime();
                try {
                    request.send();
                    latencies.recordValue(Math.max(0, (System.nanoTime() - begin) / 1000));
                    done++;
                } catch (Exception e) {
                    errors++;
                    firstError.compareAndSet(null, e.getMessage() == null ? e.toString() : e.getMessage());
                }
            }
        }
    }
}
