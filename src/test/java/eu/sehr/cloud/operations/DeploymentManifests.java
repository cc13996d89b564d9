package eu.sehr.cloud.operations;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import org.junit.jupiter.api.BeforeAll;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The deployment files read once (k8s/ as typed Kubernetes models, docker-compose.yml, the application's defaults) and
 * the look-ups the manifest tests share.
 */
abstract class DeploymentManifests {

    static final Path K8S = Path.of("k8s");
    static final Path COMPOSE = Path.of("docker-compose.yml");
    static final String GATEWAY = "sehr-gateway";
    static Properties defaults;

    /** Environment form of every key of application.properties, mapped back to the key. */
    static Map<String, String> propertyByEnvName;

    static List<HasMetadata> resources;

    @BeforeAll
    static void load() throws IOException {
        defaults = new Properties();
        try (InputStream in = DeploymentManifests.class.getResourceAsStream("/application.properties")) {
            assertThat(in).as("application.properties on the classpath").isNotNull();
            defaults.load(in);
        }
        propertyByEnvName = new LinkedHashMap<>();
        for (String key : defaults.stringPropertyNames()) {
            propertyByEnvName.put(envName(key), key);
        }
        resources = parseManifests();
    }

    /** The environment name of a property key, as the README defines it: upper case, '.' and '-' become '_'. */
    static String envName(String propertyKey) {
        return propertyKey.toUpperCase(java.util.Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    static List<HasMetadata> parseManifests() throws IOException {
        List<Path> files;
        try (Stream<Path> listing = Files.list(K8S)) {
            files = listing.filter(p -> p.getFileName().toString().endsWith(".yaml"))
                    .filter(p -> !p.getFileName().toString().equals("kustomization.yaml"))
                    .sorted()
                    .toList();
        }
        assertThat(files).extracting(p -> p.getFileName().toString())
                .contains("config.yaml", "gateway.yaml", "minio.yaml", "mongodb.yaml", "postgres.yaml",
                        "secrets.example.yaml");

        YAMLMapper yaml = new YAMLMapper();
        List<HasMetadata> parsed = new ArrayList<>();
        for (Path file : files) {
            try (MappingIterator<KubernetesResource> documents =
                         yaml.readerFor(KubernetesResource.class).readValues(file.toFile())) {
                int index = 0;
                while (documents.hasNextValue()) {
                    KubernetesResource document = documents.nextValue();
                    String where = file.getFileName() + " document " + index++;
                    assertThat(document).as(where).isNotNull().isInstanceOf(HasMetadata.class);
                    HasMetadata resource = (HasMetadata) document;
                    assertThat(resource.getMetadata()).as(where + " metadata").isNotNull();
                    assertThat(resource.getMetadata().getName()).as(where + " name").isNotBlank();
                    parsed.add(resource);
                }
            }
        }
        return parsed;
    }

    static <T extends HasMetadata> T resource(Class<T> type, String name) {
        List<T> matches = resources.stream()
                .filter(type::isInstance)
                .map(type::cast)
                .filter(r -> name.equals(r.getMetadata().getName()))
                .toList();
        assertThat(matches).as("exactly one %s named %s in k8s/", type.getSimpleName(), name).hasSize(1);
        return matches.get(0);
    }

    static int defaultPort() {
        String port = defaults.getProperty("sehr.port");
        assertThat(port).as("sehr.port in application.properties").isNotBlank();
        return Integer.parseInt(port.trim());
    }

    static Deployment gatewayDeployment() {
        return resource(Deployment.class, GATEWAY);
    }

    static Container gatewayContainer() {
        List<Container> containers = gatewayDeployment().getSpec().getTemplate().getSpec().getContainers();
        assertThat(containers).as("gateway containers").hasSize(1);
        return containers.get(0);
    }

    /** The container port number an IntOrString port (a number or the name of a container port) stands for. */
    static int resolvePort(IntOrString port, Container container) {
        assertThat(port).isNotNull();
        if (port.getIntVal() != null) {
            return port.getIntVal();
        }
        String name = port.getStrVal();
        return container.getPorts().stream()
                .filter(p -> name.equals(p.getName()))
                .map(ContainerPort::getContainerPort)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no container port named " + name + " in " + container.getName()));
    }

    /** Whether a label selector (matchLabels and matchExpressions) selects a pod with these labels. */
    static boolean selects(LabelSelector selector, Map<String, String> labels) {
        if (selector == null) {
            return false;
        }
        Map<String, String> matchLabels = selector.getMatchLabels() == null ? Map.of() : selector.getMatchLabels();
        List<LabelSelectorRequirement> expressions =
                selector.getMatchExpressions() == null ? List.of() : selector.getMatchExpressions();
        if (matchLabels.isEmpty() && expressions.isEmpty()) {
            return false; // an empty selector selects everything in the namespace: never what is meant here
        }
        for (Map.Entry<String, String> label : matchLabels.entrySet()) {
            if (!Objects.equals(labels.get(label.getKey()), label.getValue())) {
                return false;
            }
        }
        for (LabelSelectorRequirement requirement : expressions) {
            String value = labels.get(requirement.getKey());
            List<String> values = requirement.getValues() == null ? List.of() : requirement.getValues();
            boolean ok = switch (requirement.getOperator()) {
                case "In" -> value != null && values.contains(value);
                case "NotIn" -> value == null || !values.contains(value);
                case "Exists" -> value != null;
                case "DoesNotExist" -> value == null;
                default -> throw new AssertionError("unknown selector operator " + requirement.getOperator());
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    static Set<String> unknownSehrVariables(Collection<String> names) {
        return names.stream()
                .filter(name -> name.startsWith("SEHR_"))
                .filter(name -> !propertyByEnvName.containsKey(name))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    // --- docker compose -----------------------------------------------------------------------------------------

    @SuppressWarnings("unchecked")
    static Map<String, Object> composeGateway() throws IOException {
        Map<String, Object> compose;
        try (Reader in = Files.newBufferedReader(COMPOSE, StandardCharsets.UTF_8)) {
            compose = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
        }
        assertThat(compose).as("docker-compose.yml").isNotNull().containsKey("services");
        Map<String, Object> services = (Map<String, Object>) compose.get("services");
        assertThat(services).containsKey("gateway");
        return (Map<String, Object>) services.get("gateway");
    }

    /** The variable names of a compose environment, written as a mapping or as a list of NAME=value. */
    static Set<String> environmentNames(Object environment) {
        Set<String> names = new LinkedHashSet<>();
        if (environment instanceof Map<?, ?> map) {
            map.keySet().forEach(key -> names.add(String.valueOf(key)));
        } else if (environment instanceof List<?> list) {
            list.forEach(item -> names.add(String.valueOf(item).split("=", 2)[0]));
        } else {
            throw new AssertionError("gateway environment is neither a mapping nor a list: " + environment);
        }
        return names;
    }
}
