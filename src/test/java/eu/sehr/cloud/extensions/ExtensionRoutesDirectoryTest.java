package eu.sehr.cloud.extensions;

import java.nio.file.Path;
import java.util.Map;

import eu.sehr.cloud.support.RunningService;
import eu.sehr.cloud.support.RunningService.Started;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Integrator routes are optional: the service also starts where their directory does not exist. */
class ExtensionRoutesDirectoryTest {

    @Test
    void should_serve_with_its_own_routes_when_the_extension_directory_is_missing() {
        Path dataDir = RunningService.tempDir();
        try (Started started = Started.start(dataDir, Map.of("sehr.routes.extensions-dir", dataDir.resolve("no-such-directory").toString()))) {
            assertThat(started.api().get("/health/ready", null).expect(200).json().get("status").asText()).isEqualTo("UP");
            started.api().newCitizen();
            assertThat(started.service().camelContext().getRoute("account-register")).isNotNull();
        }
    }

    @Test
    void should_load_the_routes_of_an_existing_extension_directory() {
        try (Started started = Started.start(RunningService.tempDir(),
                Map.of("sehr.routes.extensions-dir", Path.of("routes/extensions").toAbsolutePath().toString()))) {
            assertThat(started.service().camelContext().getRoute("fhir-audit-export")).isNotNull();
        }
    }
}
