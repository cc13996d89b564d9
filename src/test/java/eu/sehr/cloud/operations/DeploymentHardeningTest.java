package eu.sehr.cloud.operations;

import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What keeps the deployments safe to apply and to run: kustomize applies every manifest but the example secrets,
 * no manifest is tied to a namespace, every store has a disruption budget, the gateway's memory limit leaves room
 * beside its heap, compose pins its images, authenticates MongoDB and limits memory, and its monitoring profile
 * scrapes the gateway and loads the Grafana dashboard.
 */
class DeploymentHardeningTest {

    private static final long HEADROOM_BYTES = 384L * 1024 * 1024;
    private static final Pattern HEAP_PERCENT = Pattern.compile("-XX:MaxRAMPercentage=(\\d+(?:\\.\\d+)?)");
    private static List<HasMetadata> resources;

    @BeforeAll
    static void load() throws IOException {
        resources = DeploymentManifests.parseManifests();
    }

    @Test
    void kustomization_applies_every_manifest_but_the_example_secrets() throws IOException {
        Map<String, Object> kustomization = yaml(Path.of("k8s", "kustomization.yaml"));
        List<String> manifests;
        try (Stream<Path> files = Files.list(Path.of("k8s"))) {
            manifests = files.map(file -> file.getFileName().toString())
                    .filter(name -> name.endsWith(".yaml") && !name.equals("kustomization.yaml")
                            && !name.equals("secrets.example.yaml"))
                    .toList();
        }
        assertThat(kustomization.get("resources")).asList().containsExactlyInAnyOrderElementsOf(manifests)
                .doesNotContain("secrets.example.yaml");
    }

    @Test
    void no_manifest_names_a_namespace_and_minio_finds_its_peers_in_its_own() throws IOException {
        assertThat(resources).allSatisfy(resource -> assertThat(resource.getMetadata().getNamespace())
                .as("%s/%s namespace", resource.getKind(), resource.getMetadata().getName()).isNull());
        try (Stream<Path> files = Files.list(Path.of("k8s"))) {
            for (Path file : files.toList()) {
                assertThat(Files.readString(file, StandardCharsets.UTF_8)).as(file.toString())
                        .doesNotContainPattern("\\.[a-z0-9-]+\\.svc\\.cluster\\.local");
            }
        }
        Container minio = statefulSet("minio").getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(minio.getArgs()).anyMatch(arg -> arg.contains(".minio-hl.$(POD_NAMESPACE).svc.cluster.local"));
        assertThat(minio.getEnv()).anyMatch(env -> env.getName().equals("POD_NAMESPACE")
                && env.getValueFrom().getFieldRef().getFieldPath().equals("metadata.namespace"));
        assertThat(minio.getImage()).matches("minio/minio:RELEASE\\..+");
    }

    @Test
    void every_store_has_a_disruption_budget_that_selects_its_pods() {
        for (String store : List.of("minio", "mongodb", "postgres")) {
            Map<String, String> labels = statefulSet(store).getSpec().getTemplate().getMetadata().getLabels();
            assertThat(resources).as("a PodDisruptionBudget for " + store)
                    .filteredOn(PodDisruptionBudget.class::isInstance).map(PodDisruptionBudget.class::cast)
                    .anyMatch(pdb -> DeploymentManifests.selects(pdb.getSpec().getSelector(), labels));
        }
    }

    @Test
    void gateway_memory_limit_leaves_headroom_beside_the_heap() {
        Deployment deployment = resources.stream().filter(Deployment.class::isInstance).map(Deployment.class::cast)
                .filter(d -> d.getMetadata().getName().equals("sehr-gateway")).findFirst().orElseThrow();
        Container gateway = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
        String options = Optional.ofNullable(gateway.getEnv()).orElse(List.of()).stream()
                .filter(env -> env.getName().equals("JAVA_TOOL_OPTIONS")).map(EnvVar::getValue).findFirst().orElseThrow();
        BigDecimal limit = Quantity.getAmountInBytes(gateway.getResources().getLimits().get("memory"));
        assertThat(headroom(limit.longValue(), options)).as("bytes beside the heap").isGreaterThanOrEqualTo(HEADROOM_BYTES);
        assertThat(options).contains("-XX:MaxDirectMemorySize=");
    }

    @Test
    @SuppressWarnings("unchecked")
    void compose_pins_its_images_authenticates_mongodb_and_limits_every_memory() throws IOException {
        Map<String, Object> services = (Map<String, Object>) yaml(Path.of("docker-compose.yml")).get("services");
        services.forEach((name, definition) -> {
            Map<String, Object> service = (Map<String, Object>) definition;
            String image = String.valueOf(service.get("image"));
            assertThat(image.substring(image.lastIndexOf('/') + 1)).as(name + " image tag").contains(":").doesNotEndWith(":latest");
            assertThat(service).as(name).containsKey("mem_limit");
        });
        Map<String, Object> mongodb = (Map<String, Object>) services.get("mongodb");
        assertThat((Map<String, Object>) mongodb.get("environment"))
                .containsKeys("MONGO_INITDB_ROOT_USERNAME", "MONGO_INITDB_ROOT_PASSWORD");
        Map<String, Object> gateway = (Map<String, Object>) services.get("gateway");
        Map<String, Object> environment = (Map<String, Object>) gateway.get("environment");
        assertThat(String.valueOf(environment.get("SEHR_MONGODB_URI"))).contains("@mongodb:27017").contains("authSource=admin");
        long limit = Long.parseLong(String.valueOf(gateway.get("mem_limit")).replace("m", "")) * 1024 * 1024;
        assertThat(headroom(limit, String.valueOf(environment.get("JAVA_TOOL_OPTIONS")))).isGreaterThanOrEqualTo(HEADROOM_BYTES);
    }

    @Test
    @SuppressWarnings("unchecked")
    void compose_monitoring_profile_scrapes_the_gateway_and_loads_the_dashboard() throws IOException {
        Map<String, Object> services = (Map<String, Object>) yaml(Path.of("docker-compose.yml")).get("services");
        for (String name : List.of("prometheus", "grafana")) {
            assertThat(((Map<String, Object>) services.get(name)).get("profiles")).asList().containsExactly("monitoring");
        }
        assertThat(((Map<String, Object>) services.get("grafana")).get("volumes")).asList()
                .anyMatch(volume -> String.valueOf(volume).startsWith("./deploy/grafana/sehr-cloud.json:"));
        Map<String, Object> prometheus = yaml(Path.of("deploy", "prometheus", "prometheus.yml"));
        Map<String, Object> job = ((List<Map<String, Object>>) prometheus.get("scrape_configs")).get(0);
        assertThat(job.get("metrics_path")).isEqualTo("/metrics");
        assertThat(String.valueOf(job.get("static_configs"))).contains("gateway:5000");

        JsonNode dashboard = new ObjectMapper().readTree(Path.of("deploy", "grafana", "sehr-cloud.json").toFile());
        assertThat(dashboard.get("uid").asText()).isEqualTo("sehr-cloud");
        String queries = dashboard.findValues("expr").toString();
        assertThat(queries).contains("sehr_http_responses_total", "status=~\\\"4..|5..\\\"", "camel_route_policy_seconds",
                "sehr_audit_projection_lag_seconds", "sehr_events_appended_total", "camel_exchanges_total");
        assertThat(dashboard.findValues("datasource")).allSatisfy(source -> assertThat(source.get("uid").asText())
                .isEqualTo("prometheus"));
    }

    /** The memory beside the heap that these JVM options leave in a container with this limit. */
    private static long headroom(long limitBytes, String javaOptions) {
        Matcher percent = HEAP_PERCENT.matcher(javaOptions);
        assertThat(percent.find()).as("-XX:MaxRAMPercentage in " + javaOptions).isTrue();
        return (long) (limitBytes * (1 - Double.parseDouble(percent.group(1)) / 100));
    }

    private static StatefulSet statefulSet(String name) {
        return resources.stream().filter(StatefulSet.class::isInstance).map(StatefulSet.class::cast)
                .filter(s -> s.getMetadata().getName().equals(name)).findFirst().orElseThrow();
    }

    private static Map<String, Object> yaml(Path file) throws IOException {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return new Yaml(new SafeConstructor(new LoaderOptions())).load(reader);
        }
    }
}
