package eu.sehr.cloud.audit;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import eu.sehr.cloud.audit.compliance.AuditorDirectory;
import eu.sehr.cloud.infra.Sql;
import eu.sehr.cloud.security.PasswordHasher;
import eu.sehr.cloud.support.Api;
import eu.sehr.cloud.support.Api.Citizen;
import eu.sehr.cloud.support.RunningService;
import eu.sehr.cloud.support.RunningService.Started;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The shared set-up of the audit end-to-end tests on the running service: an auditor's token, a citizen with a record,
 * NDJSON lines.
 */
@ExtendWith(RunningService.class)
abstract class AuditFixture {

    static final ObjectMapper JSON = new ObjectMapper();
    final Api api;
    final Started started;
    String auditorName;
    String auditorToken;

    AuditFixture(Api api, Started started) {
        this.api = api;
        this.started = started;
    }

    @BeforeEach
    void an_auditor() {
        auditorName = "officer-" + UUID.randomUUID().toString().substring(0, 8);
        new AuditorDirectory(new Sql(started.service().stores().dataSource()::getConnection))
                .put(auditorName, new PasswordHasher().hash("compliance officer password"));
        auditorToken = api.postJson("/auditor/login", null, Api.credentials(auditorName, "compliance officer password"))
                .expect(200).json().get("token").asText();
    }

    Citizen citizenWithRecord(String objectName) {
        Citizen citizen = api.newCitizen();
        api.signConsent(citizen.token(), "cloud").expect(200);
        api.upload("/citizen/upload", citizen.token(), objectName, "record".getBytes(StandardCharsets.UTF_8)).expect(201);
        return citizen;
    }

    static List<JsonNode> ndjson(Api.Response response) {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : response.text().split("\n")) {
            if (!line.isBlank()) {
                try {
                    lines.add(JSON.readTree(line));
                } catch (Exception e) {
                    throw new AssertionError("not JSON: " + line, e);
                }
            }
        }
        return lines;
    }
}
