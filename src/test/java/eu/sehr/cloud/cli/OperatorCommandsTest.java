package eu.sehr.cloud.cli;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

import eu.sehr.cloud.App;
import eu.sehr.cloud.support.Api;
import eu.sehr.cloud.support.RunningService;
import eu.sehr.cloud.support.RunningService.Started;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import static org.assertj.core.api.Assertions.assertThat;

/** The operator sub-commands of the jar, run as the launcher runs them, on a data dir of their own. */
class OperatorCommandsTest {

    @Test
    void should_provision_an_auditor_from_standard_input_who_can_then_log_in_and_verify_chains_from_the_command_line() {
        Path dataDir = RunningService.tempDir();
        String citizen;
        try (Started service = Started.start(dataDir, Map.of())) {
            citizen = service.api().newCitizen().username();
        }

        assertThat(run(dataDir, "a long compliance password\n", "auditor", "add", "carol").exitCode).isZero();
        assertThat(run(dataDir, "short\n", "auditor", "add", "dave").exitCode).isEqualTo(2);
        Result verify = run(dataDir, "", "audit", "verify", "--citizen", citizen);
        assertThat(verify.exitCode).isZero();
        assertThat(verify.out).contains("\"valid\":true").contains("all hash chains are valid");

        try (Started service = Started.start(dataDir, Map.of())) {
            service.api().postJson("/auditor/login", null, Api.credentials("carol", "a long compliance password")).expect(200);
            service.api().postJson("/auditor/login", null, Api.credentials("dave", "short")).expectError(401);
        }
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
