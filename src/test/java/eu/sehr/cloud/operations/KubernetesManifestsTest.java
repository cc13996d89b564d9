package eu.sehr.cloud.operations;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
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
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Kubernetes manifests of k8s/: they parse, and the gateway, its service, autoscaler, disruption budget and the
 * stores are wired as documented.
 */
class KubernetesManifestsTest extends DeploymentManifests {

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
}
