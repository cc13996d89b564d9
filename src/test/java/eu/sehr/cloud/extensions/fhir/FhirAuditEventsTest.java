package eu.sehr.cloud.extensions.fhir;

import java.util.LinkedHashMap;
import java.util.Map;

import ca.uhn.fhir.context.FhirContext;
import eu.sehr.cloud.support.FhirTestServer;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventAction;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventAgentComponent;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventEntityComponent;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventOutcome;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FhirAuditEventsTest {

    private static final FhirContext FHIR = FhirContext.forR4();
    private static final String ACCOUNT = "0f8e4a52-6c1d-4c55-9d8e-2a7f3b9c1d20";
    private static final String SHA256 = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    private static FhirTestServer server;

    private final FhirAuditEvents audits = new FhirAuditEvents(FHIR, null);

    @BeforeAll
    static void startFhirServer() {
        server = FhirTestServer.start(FHIR);
    }

    @AfterAll
    static void stopFhirServer() {
        server.close();
    }

    @Test
    void should_code_an_hcp_download_as_an_emergency_patient_record_read_by_the_hcp_of_the_hco() {
        AuditEvent audit = audits.auditEventOf(event("HealthRecordDownloaded", actor("HCP", "Dr House", "Princeton Plainsboro"),
                payload("bucket", "alice", "object", "PATIENT_SUMMARY", "bytes", 5000, "sha256", SHA256)));

        assertThat(audit.getType().getSystem()).isEqualTo("http://dicom.nema.org/resources/ontology/DCM");
        assertThat(audit.getType().getCode()).isEqualTo("110110");
        assertThat(audit.getSubtype()).singleElement().satisfies(subtype -> {
            assertThat(subtype.getSystem()).isEqualTo("http://hl7.org/fhir/restful-interaction");
            assertThat(subtype.getCode()).isEqualTo("read");
        });
        assertThat(audit.getAction()).isEqualTo(AuditEventAction.R);
        assertThat(audit.getOutcome()).isEqualTo(AuditEventOutcome._0);
        assertThat(audit.getRecorded().toInstant()).hasToString("2026-03-01T10:15:30.123Z");
        assertThat(codes(audit.getPurposeOfEvent().get(0))).containsExactly("http://terminology.hl7.org/CodeSystem/v3-ActReason|ETREAT");

        assertThat(audit.getAgent()).hasSize(2);
        AuditEventAgentComponent hcp = audit.getAgent().get(0);
        assertThat(hcp.getWho().getDisplay()).isEqualTo("Dr House");
        assertThat(hcp.getRequestor()).isTrue();
        assertThat(codes(hcp.getType())).containsExactly("http://terminology.hl7.org/CodeSystem/extra-security-role-type|humanuser");
        assertThat(hcp.getPurposeOfUse()).singleElement().satisfies(purpose -> assertThat(codes(purpose))
                .containsExactly("http://terminology.hl7.org/CodeSystem/v3-ActReason|ETREAT"));
        AuditEventAgentComponent hco = audit.getAgent().get(1);
        assertThat(hco.getWho().getDisplay()).isEqualTo("Princeton Plainsboro");
        assertThat(hco.getWho().getType()).isEqualTo("Organization");
        assertThat(hco.getRequestor()).isFalse();

        assertThat(audit.getSource().getObserver().getDisplay()).isEqualTo("S-EHR Cloud");
        assertThat(audit.getEntity()).hasSize(2);
        AuditEventEntityComponent patient = audit.getEntity().get(0);
        assertThat(patient.getWhat().getReference()).isEqualTo("Patient/alice");
        assertThat(patient.getWhat().getIdentifier().getValue()).isEqualTo("urn:uuid:" + ACCOUNT);
        assertThat(patient.getRole().getCode()).isEqualTo("1");
        AuditEventEntityComponent record = audit.getEntity().get(1);
        assertThat(record.getWhat().getDisplay()).isEqualTo("alice/PATIENT_SUMMARY");
        assertThat(record.getDetail()).anySatisfy(detail -> {
            assertThat(detail.getType()).isEqualTo("sha256");
            assertThat(detail.getValue().primitiveValue()).isEqualTo(SHA256);
        });
    }

    @Test
    void should_code_a_citizen_upload_as_a_patient_requested_record_create_with_one_agent() {
        AuditEvent audit = audits.auditEventOf(event("HealthRecordUploaded", actor("CITIZEN", "alice", null),
                payload("bucket", "alice", "object", "LAB", "bytes", 12, "sha256", SHA256, "contentType", "application/pdf")));

        assertThat(audit.getSubtypeFirstRep().getCode()).isEqualTo("create");
        assertThat(audit.getAction()).isEqualTo(AuditEventAction.C);
        assertThat(audit.getAgent()).singleElement().satisfies(citizen -> {
            assertThat(citizen.getWho().getDisplay()).isEqualTo("alice");
            assertThat(citizen.getWho().getType()).isEqualTo("Patient");
            assertThat(codes(citizen.getPurposeOfUseFirstRep())).containsExactly("http://terminology.hl7.org/CodeSystem/v3-ActReason|PATRQT");
        });
    }

    @Test
    void should_code_emergency_access_as_a_security_alert_emergency_override() {
        AuditEvent audit = audits.auditEventOf(event("EmergencyAccessGranted", actor("HCP", "Dr House", "Princeton Plainsboro"),
                payload("accessId", "acc-7", "hcoName", "Princeton Plainsboro", "hcpName", "Dr House",
                        "expiresAt", "2026-03-01T11:15:30Z")));

        assertThat(audit.getType().getCode()).isEqualTo("110113");
        assertThat(audit.getSubtypeFirstRep().getCode()).isEqualTo("110127");
        assertThat(codes(audit.getPurposeOfEventFirstRep())).containsExactly("http://terminology.hl7.org/CodeSystem/v3-ActReason|ETREAT");
        assertThat(audit.getEntity()).extracting(entity -> entity.getWhat().getDisplay())
                .containsExactly("alice", "emergency access acc-7");
    }

    @Test
    void should_code_a_refusal_as_a_minor_failure_with_its_reason() {
        AuditEvent audit = audits.auditEventOf(event("RequestRefused", actor("CITIZEN", "alice", null),
                payload("endpoint", "/citizen/upload", "status", 403, "reason", "no cloud consent")));

        assertThat(audit.getType().getCode()).isEqualTo("rest");
        assertThat(audit.getOutcome()).isEqualTo(AuditEventOutcome._4);
        assertThat(audit.getOutcomeDesc()).isEqualTo("/citizen/upload: no cloud consent");
    }

    @Test
    void should_write_json_that_a_fhir_server_accepts() throws Exception {
        FhirAuditEvents sender = new FhirAuditEvents(FHIR, server.baseUrl());
        int before = server.auditEvents().size();

        String location;
        try (FhirExportRoutes routes = FhirExportRoutes.start(server.baseUrl())) {
            location = routes.send(sender.toAuditEvent(event("HealthRecordUploaded", actor("CITIZEN", "alice", null),
                    payload("bucket", "alice", "object", "LAB", "bytes", 12, "sha256", SHA256))));
        }

        assertThat(location).contains("/AuditEvent/");
        assertThat(server.auditEvents()).hasSize(before + 1);
        assertThat(server.auditEvents().get(before).getEntity()).extracting(entity -> entity.getWhat().getDisplay())
                .contains("alice/LAB");
    }

    @Test
    void should_throw_when_the_fhir_server_refuses_so_that_the_event_is_retried() throws Exception {
        try (FhirExportRoutes routes = FhirExportRoutes.start(server.baseUrl());
             FhirExportRoutes missing = FhirExportRoutes.start(server.baseUrl() + "/missing/")) {
            assertThatThrownBy(() -> routes.send("{\"resourceType\": \"Patient\"}"))
                    .isInstanceOf(FhirExportException.class)
                    .hasMessageContaining("HTTP 4");
            assertThatThrownBy(() -> missing.send("{}"))
                    .isInstanceOf(FhirExportException.class);
        }
    }

    @Test
    void should_refuse_to_send_without_a_configured_fhir_server() throws Exception {
        try (FhirExportRoutes routes = FhirExportRoutes.start("")) {
            assertThatThrownBy(() -> routes.send("{}"))
                    .isInstanceOf(FhirExportException.class)
                    .hasMessageContaining("sehr.fhir-export.url");
        }
    }

    private static Map<String, Object> event(String type, Map<String, Object> actor, Map<String, Object> payload) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("position", 17L);
        event.put("citizen", "alice");
        event.put("account", ACCOUNT);
        event.put("sequence", 4L);
        event.put("type", type);
        event.put("timestamp", "2026-03-01T10:15:30.123Z");
        event.put("actor", actor);
        event.put("payload", payload);
        event.put("prevHash", "0".repeat(64));
        event.put("hash", "1".repeat(64));
        return event;
    }

    private static Map<String, Object> actor(String kind, String name, String hco) {
        Map<String, Object> actor = new LinkedHashMap<>();
        actor.put("kind", kind);
        actor.put("name", name);
        actor.put("hco", hco);
        return actor;
    }

    private static Map<String, Object> payload(Object... keysAndValues) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("accountId", ACCOUNT);
        for (int i = 0; i < keysAndValues.length; i += 2) {
            payload.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return payload;
    }

    private static java.util.List<String> codes(CodeableConcept concept) {
        return concept.getCoding().stream().map(FhirAuditEventsTest::code).toList();
    }

    private static String code(Coding coding) {
        return coding.getSystem() + "|" + coding.getCode();
    }
}
