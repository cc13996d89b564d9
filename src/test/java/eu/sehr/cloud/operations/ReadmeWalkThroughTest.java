package eu.sehr.cloud.operations;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import eu.sehr.cloud.support.FreePorts;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the README's walk-through with bash, as written, from the project's folder: one start of the service, a
 * citizen, an HCP, a compliance officer, a revocation and a deletion. So the README cannot drift from the service.
 */
class ReadmeWalkThroughTest {

    private static final Path PROJECT = Path.of("").toAbsolutePath();
    private static final long TIMEOUT_MINUTES = 5;

    @Test
    void should_run_the_readme_walk_through_top_to_bottom_and_leave_the_working_tree_as_it_was() throws Exception {
        WalkThrough walkThrough = WalkThrough.of(PROJECT.resolve("README.md"));
        assertThat(walkThrough.blocks()).as("walk-through blocks in README.md").hasSizeGreaterThanOrEqualTo(5);
        Path script = Files.createTempFile("readme-walkthrough-", ".sh");
        Path output = PROJECT.resolve("target").resolve("readme-walkthrough.log");
        Files.writeString(script, walkThrough.script(), StandardCharsets.UTF_8);
        Set<String> before = workingTree();

        int status;
        try {
            status = run(script, output);
        } finally {
            Files.deleteIfExists(script);
        }

        String printed = Files.readString(output, StandardCharsets.UTF_8);
        assertThat(status).as("exit status of the walk-through (%s):%n%s", output, printed)
                .isNotEqualTo(WalkThrough.TOOL_MISSING).isZero();
        assertThat(printed)
                .contains("\"status\":\"UP\"")
                .contains("\"sha256\"")
                .contains("downloaded: the bytes uploaded")
                .contains("the HCP downloaded: the bytes uploaded")
                .contains("\"uploaded_hr\": \"LABORATORY_RESULT\"")
                .containsPattern("\"alice--hco-[0-9a-f]{10}\"")
                .contains("\"valid\":true")
                .contains("\"errorCode\":403")
                .contains("\"errorCode\":401");
        assertThat(workingTree()).as("files added to or removed from the working tree").isEqualTo(before);
    }

    private static int run(Path script, Path output) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder("bash", script.toString())
                .directory(PROJECT.toFile())
                .redirectErrorStream(true)
                .redirectOutput(output.toFile());
        builder.environment().keySet().removeIf(key -> key.startsWith("SEHR_"));
        builder.environment().put("SEHR_PORT", Integer.toString(FreePorts.take()));
        builder.environment().put("SEHR_HOST", "127.0.0.1");
        builder.environment().put("SEHR_WALKTHROUGH_JAVA", Path.of(System.getProperty("java.home"), "bin", "java").toString());
        builder.environment().put("SEHR_WALKTHROUGH_CLASSPATH", System.getProperty("java.class.path"));
        Process bash = builder.start();
        if (!bash.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
            bash.descendants().forEach(ProcessHandle::destroy);
            bash.destroy();
            bash.waitFor(30, TimeUnit.SECONDS);
            throw new AssertionError("the walk-through did not finish within " + TIMEOUT_MINUTES + " minutes; see " + output);
        }
        return bash.exitValue();
    }

    /** Every file and folder of the project but the build's output and git's own. */
    private static Set<String> workingTree() throws IOException {
        try (Stream<Path> paths = Files.walk(PROJECT)) {
            return paths.map(PROJECT::relativize)
                    .filter(path -> !path.startsWith("target") && !path.startsWith(".git"))
                    .map(Path::toString)
                    .collect(Collectors.toCollection(TreeSet::new));
        }
    }

}
