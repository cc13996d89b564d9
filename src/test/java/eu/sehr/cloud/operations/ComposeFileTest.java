package eu.sehr.cloud.operations;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** docker-compose.yml: the gateway takes application properties and is healthy when ready, on the default port. */
class ComposeFileTest extends DeploymentManifests {

    @Test
    void compose_gateway_environment_uses_application_properties() throws IOException {
        Set<String> names = environmentNames(composeGateway().get("environment"));
        assertThat(names).as("SEHR_* variables of the compose gateway").anyMatch(name -> name.startsWith("SEHR_"));
        assertThat(unknownSehrVariables(names))
                .as("SEHR_* variables that are the environment form of no key in application.properties")
                .isEmpty();
    }

    @Test
    @SuppressWarnings("unchecked")
    void compose_gateway_is_healthy_when_ready_and_published_on_the_default_port() throws IOException {
        Map<String, Object> gateway = composeGateway();
        Map<String, Object> healthcheck = (Map<String, Object>) gateway.get("healthcheck");
        assertThat(healthcheck).as("gateway healthcheck").isNotNull().containsKey("test");
        Object test = healthcheck.get("test");
        String command = test instanceof List<?> list
                ? list.stream().map(String::valueOf).collect(Collectors.joining(" "))
                : String.valueOf(test);
        assertThat(command).contains("/health/ready").contains(String.valueOf(defaultPort()));

        List<Object> ports = (List<Object>) gateway.get("ports");
        assertThat(ports).as("gateway ports").isNotEmpty();
        Set<String> containerPorts = new HashSet<>();
        for (Object port : ports) {
            if (port instanceof Map<?, ?> longForm) {
                containerPorts.add(String.valueOf(longForm.get("target")));
            } else {
                String shortForm = String.valueOf(port).split("/", 2)[0];
                containerPorts.add(shortForm.substring(shortForm.lastIndexOf(':') + 1));
            }
        }
        assertThat(containerPorts).as("container side of the published ports").contains(String.valueOf(defaultPort()));
    }
}
