package eu.sehr.cloud.transparency;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import eu.sehr.cloud.App;
import eu.sehr.cloud.support.Api;
import eu.sehr.cloud.support.Api.Citizen;
import eu.sehr.cloud.support.RunningService;
import eu.sehr.cloud.support.RunningService.Started;
import eu.sehr.cloud.transparency.merkle.Frontier;
import eu.sehr.cloud.transparency.merkle.NodeId;
import eu.sehr.cloud.transparency.note.SignerKey;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import picocli.CommandLine;

import static eu.sehr.cloud.support.Resources.closeQuietly;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code audit check} against a running service of its own: it trusts a first checkpoint, accepts the next consistent
 * one with the citizen's leaves proven in it, waits for witnesses it requires, and exits 1 once the operator rewrites
 * the stored tree (the next checkpoint no longer extends the trusted one).
 */
@Timeout(180)
class AuditCheckEndToEndTest {

    private static Started service;
    private static Api api;
    private static LogClient log;
    private static Path state;

    @BeforeAll
    static void a_service_of_its_own() throws Exception {
        service = Started.start(RunningService.tempDir(), Map.of());
        api = service.api();
        log = new LogClient(api);
        state = Files.createTempDirectory("sehr-audit-check-");
    }

    @AfterAll
    static void stop() {
        closeQuietly(service);
    }

    @Test
    void should_trust_then_extend_then_catch_a_rewritten_history() throws Exception {
        Citizen citizen = api.newCitizen();
        log.checkpointCovering(2);
        Run first = check(List.of());
        assertThat(first.exitCode()).as(first.output()).isZero();
        assertThat(first.output()).contains("is now trusted");

        api.get("/citizen/buckets", citizen.token()).expect(200);
        long grown = log.checkpoint().size() + 1;
        log.checkpointCovering(grown);
        Run second = check(List.of("--citizen-token", citizen.token()));
        assertThat(second.exitCode()).as(second.output()).isZero();
        assertThat(second.output()).contains("is consistent with the trusted checkpoint", "CitizenRegistered", "BucketsListed");

        String witness = SignerKey.generate("witness.test", new SecureRandom()).cosignatureVerifierKey().encoded();
        assertThat(check(List.of("--witness", witness)).exitCode()).isEqualTo(4);

        rewriteTheOldestSubtree();
        api.newCitizen();
        log.checkpointCovering(log.checkpoint().size() + 1);
        Run third = check(List.of());
        assertThat(third.exitCode()).as(third.output()).isEqualTo(1);
        assertThat(third.output()).contains("LOG MISBEHAVIOUR", "not consistent");
        try (var evidence = Files.list(state)) {
            assertThat(evidence.map(Path::getFileName).map(Path::toString)).anyMatch(name -> name.startsWith("evidence-"));
        }
    }

    @Test
    void should_refuse_to_run_without_its_required_options() {
        assertThat(new CommandLine(new App()).execute("audit", "check", "--state-dir", state.toString())).isEqualTo(2);
    }

    /** What an operator with write access to PostgreSQL could do: replace the hash of the largest stored subtree. */
    private static void rewriteTheOldestSubtree() throws Exception {
        try (Connection connection = service.service().stores().dataSource().getConnection()) {
            long size;
            try (PreparedStatement statement = connection.prepareStatement("SELECT tree_size FROM log_head");
                 ResultSet rows = statement.executeQuery()) {
                rows.next();
                size = rows.getLong(1);
            }
            NodeId oldest = Frontier.nodeIds(size).get(0);
            byte[] forged = new byte[32];
            new SecureRandom().nextBytes(forged);
            try (PreparedStatement statement = connection.prepareStatement("UPDATE log_node SET hash = ? WHERE level = ? AND idx = ?")) {
                statement.setBytes(1, forged);
                statement.setInt(2, oldest.level());
                statement.setLong(3, oldest.index());
                assertThat(statement.executeUpdate()).isOne();
            }
        }
    }

    private static Run check(List<String> options) {
        List<String> arguments = new ArrayList<>(List.of("audit", "check", "--log-url", api.base(),
                "--log-key", log.key().encoded(), "--state-dir", state.toString()));
        arguments.addAll(options);
        StringWriter output = new StringWriter();
        CommandLine command = new CommandLine(new App());
        command.setOut(new PrintWriter(output, true));
        command.setErr(new PrintWriter(output, true));
        int exitCode = command.execute(arguments.toArray(String[]::new));
        return new Run(exitCode, output.toString());
    }

    private record Run(int exitCode, String output) {
    }
}
