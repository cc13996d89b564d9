package eu.sehr.cloud.operations;

import com.fasterxml.jackson.databind.JsonNode;
import eu.sehr.cloud.support.Api;
import eu.sehr.cloud.support.RunningService;
import eu.sehr.cloud.support.RunningService.Started;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import org.apache.camel.model.ModelCamelContext;
import org.apache.camel.model.rest.RestDefinition;
import org.apache.camel.model.rest.VerbDefinition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(RunningService.class)
class OperationsEndToEndTest {

    private final Api api;
    private final Started started;

    OperationsEndToEndTest(Api api, Started started) {
        this.api = api;
        this.started = started;
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
        Api.Citizen citizen = api.newCitizen();
        api.signConsent(citizen.token(), "cloud").expect(200);
        api.upload("/citizen/upload", citizen.token(), "METERED", new byte[4096]).expect(201);
        api.get("/citizen/" + citizen.username() + "/METERED", citizen.token()).expect(200);
        Api.Response metrics = api.get("/metrics", null).expect(200);
        assertThat(metrics.header("Content-Type")).startsWith("text/plain");
        assertThat(metrics.text())
                .containsPattern("camel_exchanges_total\\{[^}]*routeId=\"account-register\"[^}]*\\} [1-9]")
                .contains("routeId=\"account-login\"")
                .contains("camel_route_policy_seconds")
                .containsPattern("sehr_events_appended_total [1-9]")
                .containsPattern("sehr_http_responses_total\\{status=\"200\"} [1-9]")
                .contains("sehr_audit_projection_lag_events")
                .contains("sehr_audit_projection_lag_seconds")
                .containsPattern("sehr_record_bytes_uploaded_total [1-9]")
                .containsPattern("sehr_record_bytes_downloaded_total [1-9]");
    }

    @Test
    void should_name_every_route_and_describe_every_metric() {
        api.get("/openapi.json", null).expect(200);
        String metrics = api.get("/metrics", null).expect(200).text();
        assertThat(metrics).doesNotContainPattern("routeId=\"route[0-9]+\"").contains("routeId=\"operations-openapi\"");
        assertThat(metrics.lines().filter(line -> line.startsWith("# HELP ")))
                .as("metrics without a description").noneMatch(line -> line.split(" ", 4).length < 4
                        || line.split(" ", 4)[3].isBlank());
    }

    @Test
    void should_serve_every_metric_that_the_grafana_dashboard_queries() throws Exception {
        // meters that count something appear with their first count
        api.get("/citizen/buckets", null).expectError(401);
        Api.Citizen citizen = api.newCitizen();
        api.signConsent(citizen.token(), "cloud").expect(200);
        api.upload("/citizen/upload", citizen.token(), "DASHBOARD", new byte[512]).expect(201);
        api.get("/citizen/" + citizen.username() + "/DASHBOARD", citizen.token()).expect(200);
        String metrics = api.get("/metrics", null).expect(200).text();
        JsonNode dashboard = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(java.nio.file.Path.of("deploy", "grafana", "sehr-cloud.json").toFile());
        java.util.regex.Matcher names = java.util.regex.Pattern.compile("\\b((?:sehr|camel|jvm)_[a-z_]+)")
                .matcher(dashboard.findValues("expr").toString());
        while (names.find()) {
            assertThat(metrics).as("metric %s of the dashboard", names.group(1)).contains(names.group(1));
        }
    }

    @Test
    void should_serve_a_valid_openapi_document_with_every_rest_route_schemas_errors_and_bearer_security() {
        Api.Response document = api.get("/openapi.json", null).expect(200);
        SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(document.text());
        assertThat(parsed.getMessages()).isEmpty();
        OpenAPI openapi = parsed.getOpenAPI();
        for (RestDefinition rest : ((ModelCamelContext) started.service().camelContext()).getRestDefinitions()) {
            for (VerbDefinition verb : rest.getVerbs()) {
                String path = rest.getPath() + (verb.getPath() == null ? "" : verb.getPath());
                assertThat(openapi.getPaths()).as("OpenAPI paths").containsKey(path);
                assertThat(openapi.getPaths().get(path).readOperationsMap().keySet()).extracting(Enum::name)
                        .as(path).contains(verb.asVerb().toUpperCase());
            }
        }
        assertThat(openapi.getComponents().getSecuritySchemes().get("bearer").getScheme()).isEqualTo("bearer");
        assertThat(openapi.getComponents().getSchemas().get("ErrorBody").getProperties()).containsOnlyKeys("msg", "errorCode");
        assertThat(openapi.getComponents().getSchemas().get("LoginResponse").getProperties()).containsOnlyKeys("token", "emergencyToken");
        assertThat(openapi.getComponents().getSchemas().get("Metadata").getProperties())
                .containsOnlyKeys("objectName", "bucketName", "size", "type", "dateAdded", "sha256", "emergencyVisible");
        assertThat(openapi.getPaths().get("/citizen/buckets").getGet().getResponses()).containsKeys("200", "401", "503");
        assertThat(openapi.getPaths().get("/citizen/buckets").getGet().getSecurity()).isNotEmpty();
        java.util.List<String> operationIds = openapi.getPaths().values().stream()
                .flatMap(item -> item.readOperations().stream()).map(operation -> operation.getOperationId()).toList();
        assertThat(operationIds).as("one meaningful operationId per operation").doesNotContainNull()
                .doesNotHaveDuplicates().noneMatch(id -> id.matches("verb\\d+"));
    }

    @Test
    void should_serve_no_path_that_the_contract_in_docs_api_md_does_not_describe() throws Exception {
        String contract = java.nio.file.Files.readString(java.nio.file.Path.of("docs", "API.md"));
        JsonNode openapi = api.get("/openapi.json", null).expect(200).json();
        openapi.get("paths").fieldNames().forEachRemaining(path -> {
            String pattern = java.util.regex.Pattern.quote(path).replaceAll("\\{[^}]+}", "\\\\E[^/\\\\s?]+\\\\Q");
            assertThat(contract).as("docs/API.md describes " + path).containsPattern(pattern + "(?![A-Za-z0-9/])");
        });
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
                "/citizen/emergency", "/citizen/emergency/{accessId}", "/citizen/emergency/{accessId}/review",
                "/citizen/{bucketName}/{objectName}/emergency", "/audit/disputes", "/audit/disputes/{accessId}/decision",
                "/health/live", "/health/ready", "/metrics");
    }
}
