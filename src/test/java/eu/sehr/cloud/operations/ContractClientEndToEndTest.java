package eu.sehr.cloud.operations;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import eu.sehr.cloud.client.ApiClient;
import eu.sehr.cloud.client.ApiException;
import eu.sehr.cloud.client.api.AccountApi;
import eu.sehr.cloud.client.api.AuditApi;
import eu.sehr.cloud.client.api.ConsentApi;
import eu.sehr.cloud.client.api.RecordsApi;
import eu.sehr.cloud.client.model.CitizenAudit;
import eu.sehr.cloud.client.model.Credentials;
import eu.sehr.cloud.client.model.LoginResponse;
import eu.sehr.cloud.client.model.RecordMetadata;
import eu.sehr.cloud.client.model.Stored;
import eu.sehr.cloud.support.Api;
import eu.sehr.cloud.support.RunningService;
import eu.sehr.cloud.support.RunningService.Started;
import org.apache.camel.model.ModelCamelContext;
import org.apache.camel.model.rest.RestDefinition;
import org.apache.camel.model.rest.VerbDefinition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The REST contract routes/api/openapi.yaml is what the service serves, names each operation after its route, and
 * generates a working client: the citizen's whole flow runs with the Java client that openapi-generator makes from
 * it at build time (pom.xml, generate-test-sources).
 */
@ExtendWith(RunningService.class)
class ContractClientEndToEndTest {

    private static final Path CONTRACT = Path.of("routes", "api", "openapi.yaml");

    private final Api api;
    private final Started started;

    ContractClientEndToEndTest(Api api, Started started) {
        this.api = api;
        this.started = started;
    }

    @Test
    void should_serve_exactly_the_contract_that_the_client_is_generated_from() throws Exception {
        JsonNode served = api.get("/openapi.json", null).expect(200).json();
        assertThat(served).isEqualTo(new YAMLMapper().readTree(CONTRACT.toFile()));
        assertThat(served.at("/servers/0/url").asText()).startsWith("/");
    }

    @Test
    void should_describe_each_rest_route_once_with_the_operation_id_of_its_route() throws Exception {
        JsonNode paths = new YAMLMapper().readTree(CONTRACT.toFile()).get("paths");
        List<String> routed = new ArrayList<>();
        for (RestDefinition rest : ((ModelCamelContext) started.service().camelContext()).getRestDefinitions()) {
            for (VerbDefinition verb : rest.getVerbs()) {
                String path = rest.getPath() + (verb.getPath() == null ? "" : verb.getPath());
                String route = verb.getTo().getUri().substring("direct:".length());
                JsonNode operation = paths.path(path).path(verb.asVerb());
                assertThat(operation.path("operationId").asText()).as("%s %s", verb.asVerb(), path)
                        .isEqualTo(verb.getId()).isEqualTo(camelCase(route));
                routed.add(verb.getId());
            }
        }
        List<String> described = new ArrayList<>();
        paths.forEach(item -> item.forEach(operation -> described.add(operation.get("operationId").asText())));
        assertThat(described).as("operations of the contract that no route serves").containsExactlyInAnyOrderElementsOf(routed);
    }

    @Test
    void should_run_the_citizen_flow_with_the_generated_client(@TempDir Path dir) throws Exception {
        ApiClient client = new ApiClient().setBasePath(api.base());
        String username = "g" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        Credentials credentials = new Credentials().username(username).password("pw-" + UUID.randomUUID());
        AccountApi account = new AccountApi(client);
        assertThat(account.accountRegister(credentials).getMsg()).isNotBlank();
        LoginResponse login = account.accountLogin(credentials);
        assertThat(login.getEmergencyToken()).as("no HCO consent yet").isNull();
        client.setBearerToken(login.getToken());

        ConsentApi consent = new ConsentApi(client);
        Map<String, Object> proposed = consent.consentProposal("cloud");
        assertThat(proposed).containsEntry("resourceType", "Consent").containsEntry("status", "proposed");
        proposed.put("status", "active");
        assertThat(consent.consentSign("cloud", proposed).getMsg()).isNotBlank();

        byte[] record = new byte[200_000];
        new Random(7).nextBytes(record);
        File upload = Files.write(dir.resolve("record.bin"), record).toFile();
        RecordsApi records = new RecordsApi(client);
        Stored stored = records.recordsUpload("PATIENT_SUMMARY", upload, null);
        assertThat(stored.getSha256()).isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(record)));
        RecordMetadata metadata = records.recordsMetadata(username, "PATIENT_SUMMARY");
        assertThat(metadata.getMetadata().getSha256()).isEqualTo(stored.getSha256());
        assertThat(metadata.getMetadata().getType()).isEqualTo("application/octet-stream");
        assertThat(records.recordsListObjects(username).getObjects()).containsExactly("PATIENT_SUMMARY");
        assertThat(Files.readAllBytes(records.recordsDownload(username, "PATIENT_SUMMARY").toPath())).isEqualTo(record);

        CitizenAudit audit = new AuditApi(client).auditCitizenView();
        assertThat(audit.getAuditing().getHrInfo().getUploaded()).extracting(entry -> entry.getUploadedHr())
                .containsExactly("PATIENT_SUMMARY");
        assertThat(audit.getAuditing().getHrInfo().getDownloaded()).extracting(entry -> entry.getDownloadedHr())
                .containsExactly("PATIENT_SUMMARY");
    }

    @Test
    void should_give_the_generated_client_the_contracts_error_status_and_body() {
        Api.Citizen citizen = api.newCitizen();
        ApiClient client = new ApiClient().setBasePath(api.base());
        client.setBearerToken(citizen.token());
        assertThatThrownBy(() -> new RecordsApi(client).recordsListObjects("someone-else"))
                .isInstanceOfSatisfying(ApiException.class, refused -> {
                    assertThat(refused.getCode()).isEqualTo(403);
                    assertThat(refused.getResponseBody()).contains("\"errorCode\":403").contains("\"msg\"");
                });
    }

    private static String camelCase(String kebab) {
        StringBuilder name = new StringBuilder();
        for (String word : kebab.split("-")) {
            name.append(name.isEmpty() ? word : Character.toUpperCase(word.charAt(0)) + word.substring(1));
        }
        return name.toString();
    }
}
