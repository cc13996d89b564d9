package eu.sehr.cloud.operations;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.CrossVersionObjectReference;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
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
import java.util.HashSet;
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
 * The deployment files (k8s/*.yaml, docker-compose.yml) agree with the application: every manifest parses into
 * the typed fabric8 Kubernetes model, the gateway listens, is probed and is reached on the default
 * {@code sehr.port}, every {@code SEHR_*} variable they set is the environment form of a key in
 * application.properties, and the stores have the documented replica counts.
 */
class DeploymentManifestsTest {

    private static final Path K8S = Path.of("k8s");
    private static final Path COMPOSE = Path.of("docker-compose.yml");
    private static final String GATEWAY = "sehr-gateway";

    private static Properties defaults;
    /** Environment form of every key of application.properties, mapped back to the key. */
    private static Map<String, String> propertyByEnvName;
    private static List<HasMetadata> resources;

    @BeforeAll
    static void load() throws IOException {
        defaults = new Properties();
        try (InputStream in = DeploymentManifestsTest.class.getResourceAsStream("/application.properties")) {
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

    private static <T extends HasMetadata> T resource(Class<T> type, String name) {
        List<T> matches = resources.stream()
                .filter(type::isInstance)
                .map(type::cast)
                .filter(r -> name.equals(r.getMetadata().getName()))
                .toList();
        assertThat(matches).as("exactly one %s named %s in k8s/", type.getSimpleName(), name).hasSize(1);
        return matches.get(0);
    }

    private static int defaultPort() {
        String port = defaults.getProperty("sehr.port");
        assertThat(port).as("sehr.port in application.properties").isNotBlank();
        return Integer.parseInt(port.trim());
    }

    private static Deployment gatewayDeployment() {
        return resource(Deployment.class, GATEWAY);
    }

    private static Container gatewayContainer() {
        List<Container> containers = gatewayDeployment().getSpec().getTemplate().getSpec().getContainers();
        assertThat(containers).as("gateway containers").hasSize(1);
        return containers.get(0);
    }

    /** The container port number an IntOrString port (a number or the name of a container port) stands for. */
    private static int resolvePort(IntOrString port, Container container) {
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

    private static Set<String> unknownSehrVariables(Collection<String> names) {
        return names.stream()
                .filter(name -> name.startsWith("SEHR_"))
                .filter(name -> !propertyByEnvName.containsKey(name))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    // --- Kubernetes ---------------------------------------------------------------------------------------------

    @Test
    void every_manifest_parses_into_typed_kubernetes_models() {
        // A kind without a fabric8 model on the test classpath (add its kubernetes-model-* module) parses generic.
        assertThat(resources).filteredOn(GenericKubernetesResource.class::isInstance)
                .extracting(r -> r.getApiVersion() + " " + r.getKind() + "/" + r.getMetadata().getName())
                .as("resources that map to no typed fabric8 model").isEmpty();
        Set<String> kinds = resources.stream().map(HasMetadata::getKind).collect(Collectors.toSet());
        assertThat(kinds).contains("ConfigMap", "Secret", "Service", "Deployment", "HorizontalPodAutoscaler",
                "PodDisruptionBudget", "StatefulSet", "Job");
        Set<String> seen = new HashSet<>();
        for (HasMetadata resource : resources) {
            assertThat(seen.add(resource.getKind() + "/" + resource.getMetadata().getName()))
                    .as("%s/%s is defined once", resource.getKind(), resource.getMetadata().getName()).isTrue();
        }
    }

    @Test
    void gateway_deployment_runs_three_hardened_replicas_on_the_default_port() {
        Deployment deployment = gatewayDeployment();
        assertThat(deployment.getSpec().getReplicas()).isEqualTo(3);
        assertThat(selects(deployment.getSpec().getSelector(), deployment.getSpec().getTemplate().getMetadata().getLabels()))
                .as("the Deployment's selector matches its pod template").isTrue();

        Container gateway = gatewayContainer();
        int port = defaultPort();
        assertThat(gateway.getPorts()).extracting(ContainerPort::getContainerPort).contains(port);

        Probe liveness = gateway.getLivenessProbe();
        assertThat(liveness).as("liveness probe").isNotNull();
        assertThat(liveness.getHttpGet().getPath()).isEqualTo("/health/live");
        assertThat(resolvePort(liveness.getHttpGet().getPort(), gateway)).isEqualTo(port);
        Probe readiness = gateway.getReadinessProbe();
        assertThat(readiness).as("readiness probe").isNotNull();
        assertThat(readiness.getHttpGet().getPath()).isEqualTo("/health/ready");
        assertThat(resolvePort(readiness.getHttpGet().getPort(), gateway)).isEqualTo(port);
        if (gateway.getStartupProbe() != null && gateway.getStartupProbe().getHttpGet() != null) {
            assertThat(resolvePort(gateway.getStartupProbe().getHttpGet().getPort(), gateway)).isEqualTo(port);
        }

        PodSecurityContext pod = deployment.getSpec().getTemplate().getSpec().getSecurityContext();
        SecurityContext container = gateway.getSecurityContext();
        assertThat(container).as("container securityContext").isNotNull();
        boolean nonRoot = Boolean.TRUE.equals(container.getRunAsNonRoot())
                || (container.getRunAsNonRoot() == null && pod != null && Boolean.TRUE.equals(pod.getRunAsNonRoot()));
        assertThat(nonRoot).as("runAsNonRoot").isTrue();
        assertThat(container.getReadOnlyRootFilesystem()).as("readOnlyRootFilesystem").isTrue();

        ResourceRequirements resources = gateway.getResources();
        assertThat(resources).as("resources").isNotNull();
        assertThat(resources.getRequests()).as("resource requests").containsKeys("cpu", "memory");
        assertThat(resources.getLimits()).as("resource limits").containsKey("memory");
    }

    @Test
    void gateway_takes_its_configuration_from_sehr_config_and_sehr_secrets() {
        assertThat(gatewayContainer().getEnvFrom())
                .extracting(env -> env.getConfigMapRef() != null ? "ConfigMap/" + env.getConfigMapRef().getName()
                        : env.getSecretRef() != null ? "Secret/" + env.getSecretRef().getName() : String.valueOf(env))
                .contains("ConfigMap/sehr-config", "Secret/sehr-secrets");
        for (EnvFromSource source : gatewayContainer().getEnvFrom()) {
            assertThat(source.getPrefix()).as("envFrom prefix").isNullOrEmpty();
        }
    }

    @Test
    void every_sehr_variable_of_the_config_map_and_the_secret_is_an_application_property() {
        ConfigMap config = resource(ConfigMap.class, "sehr-config");
        Secret secrets = resource(Secret.class, "sehr-secrets");
        Set<String> names = new LinkedHashSet<>();
        if (config.getData() != null) {
            names.addAll(config.getData().keySet());
        }
        if (secrets.getData() != null) {
            names.addAll(secrets.getData().keySet());
        }
        if (secrets.getStringData() != null) {
            names.addAll(secrets.getStringData().keySet());
        }
        assertThat(names).as("SEHR_* variables in sehr-config and sehr-secrets")
                .anyMatch(name -> name.startsWith("SEHR_"));
        assertThat(unknownSehrVariables(names))
                .as("SEHR_* variables that are the environment form of no key in application.properties")
                .isEmpty();

        String configuredPort = config.getData().get(envName("sehr.port"));
        if (configuredPort != null) {
            assertThat(gatewayContainer().getPorts()).extracting(ContainerPort::getContainerPort)
                    .as("the container port of SEHR_PORT in sehr-config").contains(Integer.parseInt(configuredPort));
        }
    }

    @Test
    void gateway_service_targets_the_default_port_of_the_gateway_pods() {
        Service service = resource(Service.class, GATEWAY);
        int port = defaultPort();
        assertThat(service.getSpec().getPorts()).isNotEmpty();
        for (ServicePort servicePort : service.getSpec().getPorts()) {
            IntOrString target = servicePort.getTargetPort() != null ? servicePort.getTargetPort()
                    : new IntOrString(servicePort.getPort());
            assertThat(resolvePort(target, gatewayContainer())).as("targetPort of %s", servicePort.getName()).isEqualTo(port);
        }
        Map<String, String> selector = service.getSpec().getSelector();
        assertThat(selector).isNotEmpty();
        assertThat(gatewayDeployment().getSpec().getTemplate().getMetadata().getLabels())
                .as("gateway pod labels selected by the Service").containsAllEntriesOf(selector);
    }

    @Test
    void autoscaler_targets_the_gateway_deployment() {
        HorizontalPodAutoscaler hpa = resource(HorizontalPodAutoscaler.class, GATEWAY);
        CrossVersionObjectReference target = hpa.getSpec().getScaleTargetRef();
        assertThat(target.getKind()).isEqualTo("Deployment");
        assertThat(target.getName()).isEqualTo(gatewayDeployment().getMetadata().getName());
        assertThat(target.getApiVersion()).isEqualTo(gatewayDeployment().getApiVersion());
        assertThat(hpa.getSpec().getMinReplicas()).isNotNull()
                .isLessThanOrEqualTo(hpa.getSpec().getMaxReplicas());
    }

    @Test
    void disruption_budget_selects_the_gateway_pods() {
        PodDisruptionBudget pdb = resource(PodDisruptionBudget.class, GATEWAY);
        Map<String, String> podLabels = gatewayDeployment().getSpec().getTemplate().getMetadata().getLabels();
        assertThat(selects(pdb.getSpec().getSelector(), podLabels))
                .as("PDB selector %s matches the gateway pod labels %s", pdb.getSpec().getSelector(), podLabels)
                .isTrue();
        IntOrString minAvailable = pdb.getSpec().getMinAvailable();
        if (minAvailable != null && minAvailable.getIntVal() != null) {
            assertThat(minAvailable.getIntVal()).as("minAvailable leaves room to evict one of the replicas")
                    .isLessThan(gatewayDeployment().getSpec().getReplicas());
        }
    }

    @Test
    void stores_have_the_documented_replica_counts() {
        assertThat(resource(StatefulSet.class, "minio").getSpec().getReplicas()).as("MinIO").isEqualTo(4);
        assertThat(resource(StatefulSet.class, "mongodb").getSpec().getReplicas()).as("MongoDB").isEqualTo(3);
        assertThat(resource(StatefulSet.class, "postgres").getSpec().getReplicas()).as("PostgreSQL").isEqualTo(1);
        for (String name : List.of("minio", "mongodb", "postgres")) {
            StatefulSet set = resource(StatefulSet.class, name);
            PodSpec pod = set.getSpec().getTemplate().getSpec();
            assertThat(selects(set.getSpec().getSelector(), set.getSpec().getTemplate().getMetadata().getLabels()))
                    .as("%s selector matches its pod template", name).isTrue();
            assertThat(pod.getContainers()).as("%s containers", name).isNotEmpty();
        }
    }

    // --- docker compose -----------------------------------------------------------------------------------------

    @SuppressWarnings("unchecked")
    private static Map<String, Object> composeGateway() throws IOException {
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
    private static Set<String> environmentNames(Object environment) {
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
