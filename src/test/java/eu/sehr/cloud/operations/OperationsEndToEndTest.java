package eu.sehr.cloud.operations;

import com.fasterxml.jackson.databind.JsonNode;
import eu.sehr.cloud.support.Api;
import eu.sehr.cloud.support.RunningService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(RunningService.class)
class OperationsEndToEndTest {

    private final Api api;

    OperationsEndToEndTest(Api api) {
        this.api = api;
    }

    @Test
    void should_be_live_and_ready_with_every_check_up() {
        assertThat(api.get("/health/live", null).expect(200).json().get("status").asText()).isEqualTo("UP");
        JsonNode ready = api.get("/health/ready", null).expect(200).json();
        assertThat(ready.get("status").asText()).isEqualTo("UP");
        assertThat(ready.get("checks").fieldNames()).toIterable()
                .containsExactly("objectStorage", "postgres", "mongodb", "eventProcessors");
    }

    @Test
    void should_expose_route_counts_latencies_appends_and_projection_lag_to_prometheus() {
        api.newCitizen();
        Api.Response metrics = api.get("/metrics", null).expect(200);
        assertThat(metrics.header("Content-Type")).startsWith("text/plain");
        assertThat(metrics.text())
                .containsPattern("camel_exchanges_total\\{[^}]*routeId=\"account-register\"[^}]*\\} [1-9]")
                .contains("routeId=\"account-login\"")
                .contains("camel_route_policy_seconds")
                .containsPattern("sehr_events_appended [1-9]")
                .contains("sehr_audit_projection_lag_events");
    }

    @Test
    void should_describe_every_rest_endpoint_in_openapi() {
        JsonNode openapi = api.get("/openapi.json", null).expect(200).json();
        assertThat(openapi.get("openapi").asText()).startsWith("3.");
        assertThat(openapi.get("paths").fieldNames()).toIterable().contains(
                "/citizen/register", "/citizen/login", "/citizen/account", "/citizen/consent/{purpose}",
                "/citizen/consent/hco", "/citizen/buckets", "/citizen/buckets/{bucketName}",
                "/citizen/{bucketName}/{objectName}/metadata", "/citizen/{bucketName}/{objectName}", "/citizen/upload",
                "/citizen/auditing", "/hcp/requestaccess", "/hcp/buckets", "/hcp/buckets/{bucketName}",
                "/hcp/{bucketName}/{objectName}/metadata", "/hcp/{bucketName}/{objectName}", "/hcp/upload",
                "/auditor/login", "/audit/events", "/audit/verify", "/audit/replay", "/audit/replay/{replayId}",
                "/health/live", "/health/ready", "/metrics");
    }
}
