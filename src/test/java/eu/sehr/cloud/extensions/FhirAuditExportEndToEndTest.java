package eu.sehr.cloud.extensions;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import ca.uhn.fhir.context.FhirContext;
import eu.sehr.cloud.support.Api;
import eu.sehr.cloud.support.Api.Citizen;
import eu.sehr.cloud.support.FhirTestServer;
import eu.sehr.cloud.support.RunningService;
import eu.sehr.cloud.support.RunningService.Started;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventAction;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventEntityComponent;
import org.hl7.fhir.r4.model.Coding;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The example extension routes/extensions/fhir-audit-export.camel.yaml, switched on by configuration, against a real
 * FHIR server (HAPI FHIR RESTful server in Jetty): what the citizen does arrives there as AuditEvents.
 */
class FhirAuditExportEndToEndTest {

    private static final String OBJECT = "LABORATORY_RESULT";

    @Test
    void should_export_the_upload_and_download_of_a_record_as_fhir_audit_events_without_the_record() throws Exception {
        try (FhirTestServer fhirServer = FhirTestServer.start(FhirContext.forR4());
             Started started = Started.start(RunningService.tempDir(), Map.of(
                     "sehr.extensions.event-consumers", "direct:fhir-audit-export",
                     "sehr.fhir-export.url", fhirServer.baseUrl(),
                     "sehr.routes.extensions-dir", Path.of("routes/extensions").toAbsolutePath().toString()))) {
            // the FHIR server is "down" for the first AuditEvents: they are retried, not lost
            fhirServer.refuseNext(3);
            Api api = started.api();
            Citizen citizen = api.newCitizen();
            api.signConsent(citizen.token(), "cloud").expect(200);
            byte[] record = ("lab result " + UUID.randomUUID() + ": potassium 4.1 mmol/L").getBytes(StandardCharsets.UTF_8);
            api.upload("/citizen/upload", citizen.token(), OBJECT, record).expect(201);
            assertThat(api.get("/citizen/" + citizen.username() + "/" + OBJECT, citizen.token()).expect(200).body()).isEqualTo(record);
            String recordName = citizen.username() + "/" + OBJECT;

            AuditEvent upload = await().atMost(Duration.ofSeconds(60))
                    .until(() -> recordEvent(fhirServer, recordName, "create"), Optional::isPresent).get();
            AuditEvent download = await().atMost(Duration.ofSeconds(60))
                    .until(() -> recordEvent(fhirServer, recordName, "read"), Optional::isPresent).get();

            for (AuditEvent event : List.of(upload, download)) {
                assertThat(event.getType().getSystem()).isEqualTo("http://dicom.nema.org/resources/ontology/DCM");
                assertThat(event.getType().getCode()).isEqualTo("110110");
                assertThat(event.getRecorded()).isNotNull();
                assertThat(event.getSource().getObserver().getDisplay()).isEqualTo("S-EHR Cloud");
                assertThat(event.getAgent()).singleElement().satisfies(agent -> {
                    assertThat(agent.getWho().getDisplay()).isEqualTo(citizen.username());
                    assertThat(agent.getRequestor()).isTrue();
                    assertThat(agent.getType().getCodingFirstRep().getCode()).isEqualTo("humanuser");
                    assertThat(agent.getPurposeOfUseFirstRep().getCodingFirstRep().getCode()).isEqualTo("PATRQT");
                });
                assertThat(event.getEntity()).extracting(entity -> entity.getWhat().getReference())
                        .contains("Patient/" + citizen.username());
                AuditEventEntityComponent recordEntity = recordEntity(event, recordName).orElseThrow();
                assertThat(recordEntity.getDetail()).anySatisfy(detail -> {
                    assertThat(detail.getType()).isEqualTo("sha256");
                    assertThat(detail.getValue().primitiveValue()).isEqualTo(sha256Hex(record));
                });
            }
            assertThat(upload.getAction()).isEqualTo(AuditEventAction.C);
            assertThat(download.getAction()).isEqualTo(AuditEventAction.R);

            assertThat(fhirServer.auditEvents()).as("the login is exported too")
                    .anySatisfy(event -> assertThat(subtypes(event)).containsExactly("110122"));
            assertThat(fhirServer.auditEvents()).as("the consent is exported too")
                    .anySatisfy(event -> assertThat(event.getEntity()).extracting(entity -> entity.getWhat().getType())
                            .contains("Consent"));
            String recordText = new String(record, StandardCharsets.UTF_8);
            String recordBase64 = Base64.getEncoder().encodeToString(record);
            assertThat(fhirServer.auditEventsAsJson()).as("no record bytes leave in an AuditEvent")
                    .allSatisfy(json -> assertThat(json).doesNotContain("potassium", recordText, recordBase64));
            assertThat(fhirServer.refused()).as("the refused AuditEvents were sent again").isEqualTo(3);
        }
    }

    @Test
    @ExtendWith(RunningService.class)
    void should_run_no_export_when_no_event_consumer_is_configured(Started unconfigured) {
        assertThat(unconfigured.service().axon().eventProcessingConfiguration().eventProcessor(ExtensionEvents.PROCESSING_GROUP))
                .as("no extension processor").isEmpty();
        assertThat(unconfigured.service().camelContext().getRoute("fhir-audit-export"))
                .as("the example route loads without a FHIR server configured").isNotNull();
    }

    private static Optional<AuditEvent> recordEvent(FhirTestServer server, String recordName, String interaction) {
        return server.auditEvents().stream()
                .filter(event -> subtypes(event).contains(interaction))
                .filter(event -> recordEntity(event, recordName).isPresent())
                .findFirst();
    }

    private static List<String> subtypes(AuditEvent event) {
        return event.getSubtype().stream().map(Coding::getCode).toList();
    }

    private static Optional<AuditEventEntityComponent> recordEntity(AuditEvent event, String recordName) {
        return event.getEntity().stream().filter(entity -> recordName.equals(entity.getWhat().getDisplay())).findFirst();
    }

    private static String sha256Hex(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
