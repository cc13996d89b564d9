package eu.sehr.cloud.operations;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The README's walk-through: its {@code ```sh} blocks between {@code <!-- walkthrough:start -->} and
 * {@code <!-- walkthrough:end -->}, in order, made into one bash script that runs them as a reader pasting them would,
 * but stops at the first failing command and runs {@code java -jar target/sehr-cloud.jar} from the compiled classes
 * (the tests run before the jar is built).
 */
final class WalkThrough {

    private static final Pattern BLOCK = Pattern.compile(
            "<!-- walkthrough:start -->\\s*```sh\\n(.*?)```\\s*<!-- walkthrough:end -->", Pattern.DOTALL);

    /** Exit status of the script when a tool the walk-through needs is missing. */
    static final int TOOL_MISSING = 97;

    /**
     * Before the blocks: stop at the first failure; the tools; {@code java -jar target/sehr-cloud.jar ...} as the
     * launcher's main class on {@code SEHR_WALKTHROUGH_CLASSPATH} (exec'd in a subshell, so that {@code $!} of a
     * background start is the service itself); and, when the script fails, the service stopped and its log shown.
     */
    private static final String PRELUDE = """
            set -euo pipefail
            for tool in curl jq openssl; do
              command -v "$tool" > /dev/null || { echo "the README walk-through needs $tool" >&2; exit %d; }
            done
            java() {
              if [ "${1-}" = -jar ] && [ "${2-}" = target/sehr-cloud.jar ]; then
                shift 2
                if [ "$BASHPID" != "$$" ]; then
                  exec "$SEHR_WALKTHROUGH_JAVA" -cp "$SEHR_WALKTHROUGH_CLASSPATH" eu.sehr.cloud.App "$@"
                fi
                "$SEHR_WALKTHROUGH_JAVA" -cp "$SEHR_WALKTHROUGH_CLASSPATH" eu.sehr.cloud.App "$@"
              else
                "$SEHR_WALKTHROUGH_JAVA" "$@"
              fi
            }
            on_exit() {
              local status=$?
              if [ "$status" -ne 0 ]; then
                if [ -n "${SERVICE-}" ]; then kill "$SERVICE" 2> /dev/null && wait "$SERVICE" || true; fi
                if [ -n "${WORK-}" ] && [ -d "$WORK" ]; then
                  echo "--- the service's log (last lines) ---"; tail -n 40 "$WORK/service.log" 2> /dev/null || true
                  rm -rf "$WORK"
                fi
              fi
            }
            trap on_exit EXIT
            """.formatted(TOOL_MISSING);

    private final List<String> blocks;

    private WalkThrough(List<String> blocks) {
        this.blocks = blocks;
    }

    static WalkThrough of(Path readme) throws IOException {
        Matcher matcher = BLOCK.matcher(Files.readString(readme, StandardCharsets.UTF_8));
        List<String> blocks = new ArrayList<>();
        while (matcher.find()) {
            blocks.add(matcher.group(1));
        }
        return new WalkThrough(blocks);
    }

    List<String> blocks() {
        return blocks;
    }

    String script() {
        return PRELUDE + String.join("\n", blocks);
    }
}
