package eu.sehr.cloud.cli;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import eu.sehr.cloud.App;
import eu.sehr.cloud.audit.query.AuditViews;
import eu.sehr.cloud.support.Api;
import eu.sehr.cloud.support.RunningService;
import eu.sehr.cloud.support.RunningService.Started;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The operator sub-commands of the jar, run as the launcher runs them, on a data dir of their own. */
class OperatorCommandsTest {

    private static final String PASSWORD = "a long compliance password";

    @Test
    void should_answer_help_with_exit_zero_for_every_command_and_sub_command() {
        for (List<String> command : commandPaths(new CommandLine(new App()), List.of())) {
            List<String> arguments = new ArrayList<>(command);
            arguments.add("--help");
            Result help = run(RunningService.tempDir(), "", arguments.toArray(String[]::new));
            assertThat(help.exitCode).as("exit code of %s", arguments).isZero();
            assertThat(help.out).as("help of %s", arguments).startsWith("Usage: sehr-cloud");
        }
    }

    @Test
    void should_name_the_environment_the_exit_codes_and_the_need_to_stop_the_service_in_the_store_commands_help() {
        for (String[] command : List.of(new String[] {"auditor", "add", "--help"}, new String[] {"auditor", "list", "--help"},
                new String[] {"auditor", "remove", "--help"}, new String[] {"audit", "verify", "--help"},
                new String[] {"audit", "replay", "--help"})) {
            assertThat(run(RunningService.tempDir(), "", command).out).as(String.join(" ", command))
                    .contains("Exit codes:", "SEHR_DATA_DIR", "SEHR_POSTGRES_URL", "stop the service first");
        }
        assertThat(run(RunningService.tempDir(), "", "serve", "--help").out)
                .contains("Exit codes:", "SEHR_PORT", "SEHR_S3_ENDPOINT", "SEHR_HCO_TRUST_ANCHORS", "SEHR_LOG_FORMAT");
    }

    @Test
    void should_print_the_version() {
        Result version = run(RunningService.tempDir(), "", "--version");
        assertThat(version.exitCode).isZero();
        assertThat(version.out).containsPattern("^sehr-cloud \\d+\\.\\d+\\.\\d+");
        assertThat(run(RunningService.tempDir(), "", "audit", "verify", "--version").out).startsWith("sehr-cloud ");
    }

    @Test
    void should_refuse_a_group_command_without_its_sub_command() {
        Result auditor = run(RunningService.tempDir(), "", "auditor");
        assertThat(auditor.exitCode).isEqualTo(2);
        assertThat(auditor.out).contains("missing the command (add, list or remove)");
    }

    @Test
    void should_provision_list_and_remove_auditors_whose_tokens_then_stop_working() {
        Path dataDir = RunningService.tempDir();
        String citizen;
        try (Started service = Started.start(dataDir, Map.of())) {
            citizen = service.api().newCitizen().username();
        }

        assertThat(run(dataDir, PASSWORD + "\n", "auditor", "add", "carol").exitCode).isZero();
        assertThat(run(dataDir, PASSWORD + "\n", "auditor", "add", "erin").exitCode).isZero();
        assertThat(run(dataDir, "short\n", "auditor", "add", "dave").exitCode).isEqualTo(2);
        Result list = run(dataDir, "", "auditor", "list");
        assertThat(list.exitCode).isZero();
        assertThat(list.out.lines().map(line -> line.split("\t")[0])).containsExactly("carol", "erin");
        Result verify = run(dataDir, "", "audit", "verify", "--citizen", citizen);
        assertThat(verify.exitCode).isZero();
        assertThat(verify.out).contains("\"valid\":true").contains("all hash chains are valid");

        String erinsToken;
        try (Started service = Started.start(dataDir, Map.of())) {
            service.api().postJson("/auditor/login", null, Api.credentials("carol", PASSWORD)).expect(200);
            service.api().postJson("/auditor/login", null, Api.credentials("dave", "short")).expectError(401);
            erinsToken = service.api().postJson("/auditor/login", null, Api.credentials("erin", PASSWORD))
                    .expect(200).json().get("token").asText();
        }
        assertThat(run(dataDir, "", "auditor", "remove", "erin").exitCode).isZero();
        Result again = run(dataDir, "", "auditor", "remove", "erin");
        assertThat(again.exitCode).isEqualTo(AuditorCommand.NOT_FOUND);
        assertThat(again.out).contains("no auditor is named erin");
        assertThat(run(dataDir, "", "auditor", "list").out).doesNotContain("erin");
        try (Started service = Started.start(dataDir, Map.of())) {
            service.api().get("/audit/verify?citizen=" + citizen, erinsToken).expectError(401);
            service.api().postJson("/auditor/login", null, Api.credentials("erin", PASSWORD)).expectError(401);
        }
    }

    @Test
    void should_refuse_to_verify_a_citizen_that_never_existed() {
        Path dataDir = RunningService.tempDir();
        Result verify = run(dataDir, "", "audit", "verify", "--citizen", "nobody");
        assertThat(verify.exitCode).isEqualTo(AuditCommand.UNKNOWN_CITIZEN);
        assertThat(verify.out).contains("no account ever bore the username nobody").doesNotContain("valid");
    }

    @Test
    void should_tell_to_stop_the_service_or_use_the_api_when_the_service_holds_the_data_dir() {
        Path dataDir = RunningService.tempDir();
        try (Started service = Started.start(dataDir, Map.of())) {
            Result verify = run(dataDir, "", "audit", "verify");
            assertThat(verify.exitCode).isEqualTo(1);
            assertThat(verify.out).contains("is in use by another running S-EHR Cloud process")
                    .contains("GET /audit/verify").contains("stop the service first").doesNotContain("epg-lock");
            Result add = run(dataDir, PASSWORD + "\n", "auditor", "add", "carol");
            assertThat(add.exitCode).isEqualTo(1);
            assertThat(add.out).contains("in use").contains("Stop the service first");
            service.api().get("/health/ready", null).expect(200);
        }
    }

    /**
     * {@code audit replay} rebuilds the view from the event store with neither the HTTP server nor object storage,
     * and once it has answered it leaves no thread that keeps the JVM alive (the storage client's dispatcher kept it
     * about 55 s): the launcher's process ends when the command does.
     */
    @Test
    void should_rebuild_the_audit_view_offline_and_leave_no_thread_that_keeps_the_jvm_alive() {
        Path dataDir = RunningService.tempDir();
        Api.Citizen citizen;
        try (Started service = Started.start(dataDir, Map.of())) {
            citizen = service.api().newCitizen();
            service.api().signConsent(citizen.token(), "cloud").expect(200);
            service.api().upload("/citizen/upload", citizen.token(), "PATIENT_SUMMARY", new byte[10]).expect(201);
            assertThat(service.api().get("/citizen/auditing", citizen.token()).expect(200).text()).contains("PATIENT_SUMMARY");
            new AuditViews(service.service().stores().mongo().getDatabase("sehr")).clear();
        }
        Set<Thread> before = Thread.getAllStackTraces().keySet();

        Result replay = run(dataDir, "", "audit", "replay");

        assertThat(replay.exitCode).as(replay.out).isZero();
        assertThat(replay.out).contains("audit views rebuilt from");
        await().pollInSameThread().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(Thread.getAllStackTraces().keySet())
                .filteredOn(thread -> thread.isAlive() && !thread.isDaemon() && !before.contains(thread))
                .extracting(Thread::getName).isEmpty());
        try (Started again = Started.start(dataDir, Map.of())) {
            assertThat(again.api().get("/citizen/auditing", citizen.token()).expect(200).text()).contains("PATIENT_SUMMARY");
        }
    }

    private static List<List<String>> commandPaths(CommandLine command, List<String> path) {
        List<List<String>> paths = new ArrayList<>();
        paths.add(path);
        command.getSubcommands().forEach((name, sub) -> {
            List<String> subPath = new ArrayList<>(path);
            subPath.add(name);
            paths.addAll(commandPaths(sub, subPath));
        });
        return paths;
    }

    private static Result run(Path dataDir, String stdin, String... args) {
        InputStream originalIn = System.in;
        String originalDir = System.getProperty("sehr.data-dir");
        StringWriter out = new StringWriter();
        try {
            System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
            System.setProperty("sehr.data-dir", dataDir.toString());
            CommandLine command = new CommandLine(new App());
            command.setOut(new PrintWriter(out, true));
            command.setErr(new PrintWriter(out, true));
            return new Result(command.execute(args), out.toString());
        } finally {
            System.setIn(originalIn);
            if (originalDir == null) {
                System.clearProperty("sehr.data-dir");
            } else {
                System.setProperty("sehr.data-dir", originalDir);
            }
        }
    }

    private record Result(int exitCode, String out) {
    }
}
