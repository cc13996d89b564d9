package eu.sehr.cloud.infra.embedded;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import eu.sehr.cloud.support.RunningService;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DataDirGuardTest {

    @Test
    void should_remove_a_postmaster_pid_file_whose_process_is_gone() throws Exception {
        Path directory = Files.createDirectories(RunningService.tempDir().resolve("postgres"));
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor(10, TimeUnit.SECONDS);
        Path pidFile = Files.writeString(directory.resolve(DataDirGuard.PID_FILE), gone.pid() + "\n" + directory + "\n");

        DataDirGuard.prepare(directory);

        assertThat(pidFile).doesNotExist();
    }

    @Test
    void should_remove_without_touching_the_process_a_pid_file_that_names_a_live_process_of_another_dir() throws Exception {
        Path directory = Files.createDirectories(RunningService.tempDir().resolve("postgres"));
        Path pidFile = Files.writeString(directory.resolve(DataDirGuard.PID_FILE),
                ProcessHandle.current().pid() + "\n/somewhere/else\n");

        DataDirGuard.prepare(directory);

        assertThat(pidFile).doesNotExist();
        assertThat(ProcessHandle.current().isAlive()).isTrue();
    }
}
