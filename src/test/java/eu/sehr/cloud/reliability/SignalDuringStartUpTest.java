package eu.sehr.cloud.reliability;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import eu.sehr.cloud.App;
import eu.sehr.cloud.support.Api;
import eu.sehr.cloud.support.FreePorts;
import eu.sehr.cloud.support.RunningService;
import eu.sehr.cloud.support.RunningService.Started;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The service as a separate process stopped at awkward moments: SIGTERM while it starts leaves no embedded
 * PostgreSQL behind, and the PostgreSQL of a service killed with SIGKILL is stopped by the next start on its data dir.
 */
class SignalDuringStartUpTest {

    @Test
    void should_stop_the_embedded_postgres_when_sigterm_arrives_during_start_up() throws Exception {
        Path dataDir = RunningService.tempDir();
        Process service = launch(dataDir, FreePorts.take());
        Path pidFile = dataDir.resolve("postgres").resolve("postmaster.pid");
        await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(pidFile) && postmasterPid(pidFile) > 0);
        long postmaster = postmasterPid(pidFile);

        service.destroy();

        assertThat(service.waitFor(90, TimeUnit.SECONDS)).as("the service exits").isTrue();
        await().atMost(Duration.ofSeconds(15)).until(() -> ProcessHandle.of(postmaster).map(p -> !p.isAlive()).orElse(true));
        assertThat(pidFile).doesNotExist();
    }

    @Test
    void should_stop_the_orphan_postgres_of_a_killed_service_and_start_on_its_data_dir() throws Exception {
        Path dataDir = RunningService.tempDir();
        int port = FreePorts.take();
        Process service = launch(dataDir, port);
        Api api = new Api("http://127.0.0.1:" + port);
        await().atMost(Duration.ofSeconds(90)).ignoreExceptions()
                .until(() -> service.isAlive() && api.get("/health/ready", null).status() == 200);
        long orphan = postmasterPid(dataDir.resolve("postgres").resolve("postmaster.pid"));

        service.destroyForcibly();
        assertThat(service.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(ProcessHandle.of(orphan).map(ProcessHandle::isAlive)).as("the orphan PostgreSQL runs on").contains(true);

        try (Started again = Started.start(dataDir, Map.of())) {
            again.api().get("/health/ready", null).expect(200);
            assertThat(ProcessHandle.of(orphan).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        }
    }

    private static Process launch(Path dataDir, int port) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), App.class.getName())
                .directory(new File(System.getProperty("user.dir")))
                .redirectErrorStream(true)
                .redirectOutput(dataDir.resolveSibling(dataDir.getFileName() + ".log").toFile());
        builder.environment().keySet().removeIf(key -> key.startsWith("SEHR_"));
        builder.environment().putAll(Map.of("SEHR_DATA_DIR", dataDir.toString(), "SEHR_PORT", Integer.toString(port),
                "SEHR_HOST", "127.0.0.1"));
        return builder.start();
    }

    private static long postmasterPid(Path pidFile) {
        try {
            String first = Files.readAllLines(pidFile, StandardCharsets.UTF_8).stream().findFirst().orElse("").strip();
            return first.isEmpty() ? -1 : Long.parseLong(first);
        } catch (IOException e) {
            return -1;
        }
    }

}
