package eu.sehr.cloud.bench;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import com.fasterxml.jackson.databind.JsonNode;
import eu.sehr.cloud.audit.api.Actor;
import eu.sehr.cloud.audit.compliance.AuditorDirectory;
import eu.sehr.cloud.cli.Progress;
import eu.sehr.cloud.infra.Sql;
import eu.sehr.cloud.records.api.RecordCommands.ListBucketsCommand;
import eu.sehr.cloud.records.api.Requester;
import eu.sehr.cloud.security.PasswordHasher;
import eu.sehr.cloud.support.Api;
import eu.sehr.cloud.support.RunningService.Started;
import org.axonframework.commandhandling.gateway.CommandGateway;

import static org.awaitility.Awaitility.await;

/**
 * The event-sourced audit at scale: events generated through the service's own command path (so each one is
 * hash-chained like a real access), then a rebuild of the audit views from the first event ({@code POST
 * /audit/replay}) and the hash-chain verification of every generated citizen ({@code GET /audit/verify}).
 */
final class AuditBench {

    private static final String PASSWORD = "replay-citizen-password";
    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(10);
    private static final PrintWriter STDERR = new PrintWriter(System.err, true);
    private static final Duration LAG_EVERY = Duration.ofMillis(100);
    private static final int MAX_ERRORS = 1000;
    private static final int VERIFY_CLIENTS = 2 * Runtime.getRuntime().availableProcessors();

    private record Account(String username, String accountId) {
    }

    private final Options options;
    private final Started started;
    private final Api api;
    private final GatewayClient gateway;
    private final Sql sql;
    private final Report.Table table = new Report.Table("Audit: event generation, view replay, hash-chain verification",
            "Measure", "Value");

    AuditBench(Options options, Started started, GatewayClient gateway) {
        this.options = options;
        this.started = started;
        this.api = started.api();
        this.gateway = gateway;
        this.sql = new Sql(started.service().stores().dataSource()::getConnection);
    }

    Report.Table run() throws Exception {
        List<Account> accounts = List.of();
        if (options.replayEvents() > 0) {
            accounts = register((int) Math.min(options.replayAccounts(), options.replayEvents()));
            generate(accounts, options.replayEvents());
        }
        Auditor auditor = new Auditor();
        replay(auditor);
        verify(auditor, accounts);
        return table.note("Events are ListBucketsCommand (BucketsListed) sent through the service's Axon command gateway: "
                        + "each is appended to its citizen's hash-chained stream like a real access (nothing is written to the "
                        + "event table directly).")
                .note("Replay and verification go through the HTTP API with an auditor token; the replay time is polled every "
                        + "100 ms (its resolution). Each verification appends a compliance-read event to the citizen's stream, "
                        + "so later rounds verify a few more events.");
    }

    private List<Account> register(int count) throws Exception {
        System.err.printf("bench: audit, registering %d citizens%n", count);
        long begin = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Runtime.getRuntime().availableProcessors()));
        try {
            List<Future<Account>> registered = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                String username = String.format(Locale.ROOT, "replay-%07d", i);
                registered.add(pool.submit(() -> {
                    api.register(username, PASSWORD).expect(201);
                    return new Account(username, accountId(username));
                }));
            }
            List<Account> accounts = new ArrayList<>();
            for (Future<Account> account : registered) {
                accounts.add(account.get());
            }
            double seconds = (System.nanoTime() - begin) / 1e9;
            table.row("citizens registered for the generated events (POST /citizen/register)",
                    Report.count(count) + " in " + Report.number(seconds, 1) + " s (" + Report.number(count / seconds, 1) + "/s)");
            return accounts;
        } finally {
            pool.shutdownNow();
        }
    }

    private String accountId(String username) {
        return sql.first("SELECT account_id FROM account_history WHERE username = ?", s -> s.setString(1, username),
                row -> row.getString(1)).orElseThrow(() -> new IllegalStateException("no account of " + username));
    }

    private void generate(List<Account> accounts, long events) throws Exception {
        CommandGateway commands = started.service().axon().commandGateway();
        int threads = options.replayThreads();
        System.err.printf("bench: audit, generating %,d events over %d citizens with %d threads%n", events, accounts.size(), threads);
        AtomicInteger nextAccount = new AtomicInteger();
        AtomicLong sent = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        AtomicReference<String> firstError = new AtomicReference<>();
        long perAccount = events / accounts.size();
        long remainder = events % accounts.size();

        LagSampler lag = LagSampler.start(gateway, LAG_EVERY);
        Progress progress = Progress.ticking(STDERR, "bench: generated events", events, PROGRESS_EVERY, sent::get);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long begin = System.nanoTime();
        long end;
        LagSampler.Result lagged;
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                workers.add(pool.submit(() -> {
                    for (int i = nextAccount.getAndIncrement(); i < accounts.size() && errors.get() < MAX_ERRORS;
                         i = nextAccount.getAndIncrement()) {
                        Account account = accounts.get(i);
                        long quota = perAccount + (i < remainder ? 1 : 0);
                        for (long j = 0; j < quota && errors.get() < MAX_ERRORS; j++) {
                            try {
                                commands.sendAndWait(new ListBucketsCommand(account.accountId(),
                                        Requester.citizen(Actor.citizen(account.username())), Instant.now()));
                                sent.incrementAndGet();
                            } catch (RuntimeException e) {
                                errors.incrementAndGet();
                                firstError.compareAndSet(null, e.toString());
                            }
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> worker : workers) {
                worker.get();
            }
        } finally {
            end = System.nanoTime();
            pool.shutdownNow();
            progress.done();
            lagged = lag.stop();
        }
        double seconds = (end - begin) / 1e9;
        if (errors.get() >= MAX_ERRORS) {
            throw new IllegalStateException("event generation stopped after " + errors.get() + " failed commands, first: " + firstError.get());
        }
        table.row("events generated (" + threads + " threads, " + Report.count(accounts.size()) + " citizens)",
                        Report.count(sent.get()) + " in " + Report.number(seconds, 1) + " s")
                .row("generation rate (events appended/s)", Report.number(sent.get() / seconds, 0))
                .row("failed commands", errors.get() == 0 ? "0" : errors.get() + " (first: " + firstError.get() + ")")
                .row("audit projection lag during generation (events behind, p50 / p99 / max; "
                        + Report.count(lagged.samples()) + " samples)", lagged.events())
                .row("audit projection lag during generation (seconds behind, p50 / p99 / max)", lagged.seconds());
    }

    private void replay(Auditor auditor) throws Exception {
        List<Double> seconds = new ArrayList<>();
        List<Double> rates = new ArrayList<>();
        long total = 0;
        for (int round = 1; round <= options.auditRounds(); round++) {
            System.err.printf("bench: audit, replaying the audit views, round %d of %d%n", round, options.auditRounds());
            long begin = System.nanoTime();
            String replayId = auditor.send("POST", "/audit/replay", 202).get("replayId").asText();
            Progress progress = Progress.lines(STDERR, "bench: replayed events", 0, PROGRESS_EVERY);
            JsonNode done = await("the replay").pollInSameThread().pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(100))
                    .atMost(Duration.ofMinutes(options.auditTimeoutMinutes()))
                    .until(() -> {
                        JsonNode status = auditor.send("GET", "/audit/replay/" + replayId, 200);
                        progress.at(status.path("processed").asLong(), status.path("total").asLong());
                        return status;
                    }, status -> "done".equals(status.path("state").asText()));
            double elapsed = (System.nanoTime() - begin) / 1e9;
            total = done.path("total").asLong();
            seconds.add(elapsed);
            rates.add(total / elapsed);
        }
        table.row("view replay (POST /audit/replay until done), " + options.auditRounds() + " rounds: events each",
                        Report.count(total))
                .row("replay time (s), median (min–max)", Report.spread(seconds, 1))
                .row("replay rate (events/s), median (min–max)", Report.spread(rates, 0));
    }

    private void verify(Auditor auditor, List<Account> accounts) throws InterruptedException {
        if (accounts.isEmpty()) {
            table.row("hash-chain verification", "skipped: no generated citizens (--replay-events 0)");
            return;
        }
        verify(auditor, accounts, 1);
        verify(auditor, accounts, VERIFY_CLIENTS);
    }

    /** Every citizen's chain verified in each round, by {@code clients} concurrent auditor clients. */
    private void verify(Auditor auditor, List<Account> accounts, int clients) throws InterruptedException {
        List<Double> rates = new ArrayList<>();
        List<Double> cpuMicros = new ArrayList<>();
        long events = 0;
        int invalid = 0;
        for (int round = 1; round <= options.auditRounds(); round++) {
            System.err.printf("bench: audit, verifying %d hash chains with %d client(s), round %d of %d%n", accounts.size(),
                    clients, round, options.auditRounds());
            MachineCpu.Sample begin = MachineCpu.now();
            Verified verified = verifyAll(auditor, accounts, clients);
            MachineCpu.Sample end = MachineCpu.now();
            events = verified.events();
            invalid += verified.invalid();
            rates.add(events / ((end.nanos() - begin.nanos()) / 1e9));
            cpuMicros.add(end.busySecondsSince(begin) * 1e6 / events);
        }
        String how = clients == 1 ? "one citizen after the other" : clients + " citizens at a time";
        table.row("hash-chain verification (GET /audit/verify, " + how + "), " + options.auditRounds() + " rounds: events each",
                        Report.count(accounts.size()) + " citizens, about " + Report.count(events) + " events")
                .row("verification rate, " + how + " (events/s), median (min–max)", Report.spread(rates, 0))
                .row("machine CPU per verified event, " + how + " (µs), median (min–max)", Report.spread(cpuMicros, 1))
                .row("chains valid", invalid == 0 ? "all, every round" : invalid + " invalid");
    }

    private record Verified(long events, int invalid) {
    }

    private Verified verifyAll(Auditor auditor, List<Account> accounts, int clients) throws InterruptedException {
        AtomicInteger next = new AtomicInteger();
        AtomicLong events = new AtomicLong();
        AtomicInteger invalid = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                running.add(pool.submit(() -> {
                    for (int n = next.getAndIncrement(); n < accounts.size(); n = next.getAndIncrement()) {
                        JsonNode verified = auditor.send("GET", "/audit/verify?citizen=" + accounts.get(n).username(), 200);
                        events.addAndGet(verified.path("events").asLong());
                        if (!verified.path("valid").asBoolean()) {
                            invalid.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> client : running) {
                client.get();
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("verification failed", e.getCause());
        } finally {
            pool.shutdownNow();
        }
        return new Verified(events.get(), invalid.get());
    }

    /** A compliance officer provisioned for the benchmark; logs in again when the token expired. */
    private final class Auditor {
        private final String name = "bench-auditor";
        private final String password = UUID.randomUUID().toString();
        private volatile String token;

        Auditor() {
            new AuditorDirectory(sql).put(name, new PasswordHasher().hash(password));
            login();
        }

        JsonNode send(String method, String path, int expected) {
            Api.Response response = exchange(method, path);
            if (response.status() == 401) {
                login();
                response = exchange(method, path);
            }
            return response.expect(expected).json();
        }

        private Api.Response exchange(String method, String path) {
            return "POST".equals(method) ? api.postJson(path, token, "{}") : api.get(path, token);
        }

        private synchronized void login() {
            token = api.postJson("/auditor/login", null, Api.credentials(name, password)).expect(200).json().get("token").asText();
        }
    }
}
