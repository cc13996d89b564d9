package eu.sehr.cloud.audit;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.fasterxml.jackson.databind.JsonNode;
import eu.sehr.cloud.emergency.trust.CertifiedKey;
import eu.sehr.cloud.emergency.trust.DevCertificates;
import eu.sehr.cloud.emergency.trust.HcoAssertionSigner;
import eu.sehr.cloud.support.Api;
import eu.sehr.cloud.support.Api.Citizen;
import eu.sehr.cloud.support.RunningService.Started;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The citizen's audit view and the auditor's export: what each sees, right after each request, and who may read it. */
class CitizenAuditViewEndToEndTest extends AuditFixture {

    CitizenAuditViewEndToEndTest(Api api, Started started) {
        super(api, started);
    }

    @Test
    void should_have_mongodb_accept_the_index_that_reads_a_citizen_view_in_order() {
        String route = "routeId=\"audit-view-indexes\"";
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(api.get("/metrics", null).expect(200).text())
                .containsPattern("camel_exchanges_total\\{[^}]*" + route + "[^}]*\\} 1\\.0")
                .containsPattern("camel_exchanges_failed_total\\{[^}]*" + route + "[^}]*\\} 0\\.0"));
    }

    @Test
    void should_show_the_citizen_their_uploads_downloads_and_the_hcp_accesses() {
        Citizen citizen = citizenWithRecord("PATIENT_SUMMARY");
        api.get("/citizen/" + citizen.username() + "/PATIENT_SUMMARY", citizen.token()).expect(200);
        String emergencyToken = api.signConsent(citizen.token(), "hco").expect(200).json().get("emergencyToken").asText();
        CertifiedKey hospital = new DevCertificates(Clock.systemUTC()).hco("St Mary Hospital", started.hcoCa());
        String assertion = HcoAssertionSigner.of(hospital, List.of(started.hcoCa().certificate()), Clock.systemUTC()).sign("Dr House", "unconscious patient admitted to the emergency department");
        String hcpToken = api.postJson("/hcp/requestaccess", emergencyToken, "{\"hcoAssertion\":\"" + assertion + "\"}")
                .expect(200).json().get("hcoEmergencyToken").asText();
        api.get("/hcp/" + citizen.username() + "/PATIENT_SUMMARY", hcpToken).expect(200);
        api.upload("/hcp/upload", hcpToken, "LABORATORY_RESULT", "lab".getBytes(StandardCharsets.UTF_8)).expect(201);

        JsonNode auditing = api.get("/citizen/auditing", citizen.token()).expect(200).json().get("auditing");
        assertThat(auditing.at("/hr_info/uploaded/0/uploaded_hr").asText()).isEqualTo("PATIENT_SUMMARY");
        assertThat(auditing.at("/hr_info/uploaded/0/hr_uploaded_on").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
        assertThat(auditing.at("/hr_info/downloaded/0/downloaded_hr").asText()).isEqualTo("PATIENT_SUMMARY");
        assertThat(auditing.at("/hco/granted_access/0/healthcare_organization_name").asText()).isEqualTo("St Mary Hospital");
        assertThat(auditing.at("/hco/granted_access/0/healthcare_professionals_granted_access/0").asText()).isEqualTo("Dr House");
        assertThat(auditing.at("/hco/downloaded/0/healthcare_professional_name").asText()).isEqualTo("Dr House");
        assertThat(auditing.at("/hco/downloaded/0/downloaded_hr").asText()).isEqualTo("PATIENT_SUMMARY");
        assertThat(auditing.at("/hco/uploaded/0/uploaded_hr").asText()).isEqualTo("LABORATORY_RESULT");
        assertThat(auditing.at("/hco/uploaded/0/healthcare_organization_name").asText()).isEqualTo("St Mary Hospital");
    }

    @Test
    void should_show_each_request_right_after_it_under_concurrent_requests() throws Exception {
        List<Citizen> citizens = List.of(citizenWithRecord("FIRST"), citizenWithRecord("FIRST"));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Void>> rounds = new ArrayList<>();
            for (Citizen citizen : citizens) {
                rounds.add(pool.submit(() -> {
                    for (int i = 0; i < 5; i++) {
                        String name = "R" + i;
                        api.upload("/citizen/upload", citizen.token(), name, name.getBytes(StandardCharsets.UTF_8)).expect(201);
                        JsonNode uploaded = api.get("/citizen/auditing", citizen.token()).expect(200).json()
                                .at("/auditing/hr_info/uploaded");
                        assertThat(uploaded.findValuesAsText("uploaded_hr")).contains(name);
                    }
                    return null;
                }));
            }
            for (Future<Void> round : rounds) {
                round.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void should_refuse_other_token_kinds_on_audit_endpoints_and_auditor_tokens_elsewhere() {
        Citizen citizen = api.newCitizen();
        api.get("/audit/events?citizen=" + citizen.username(), citizen.token()).expectError(401);
        api.get("/audit/verify?citizen=" + citizen.username(), citizen.token()).expectError(401);
        api.postJson("/audit/replay", citizen.token(), "{}").expectError(401);
        api.get("/audit/events", null).expectError(401);
        api.get("/citizen/buckets", auditorToken).expectError(401);
        api.get("/citizen/auditing", auditorToken).expectError(401);
        api.postJson("/auditor/login", null, Api.credentials(auditorName, "not the password")).expectError(401);
        api.postJson("/auditor/login", null, Api.credentials(citizen.username(), citizen.password())).expectError(401);
    }

    @Test
    void should_stream_the_citizens_events_as_ndjson_with_filters_and_resumption() throws Exception {
        Citizen citizen = citizenWithRecord("PATIENT_SUMMARY");
        api.get("/citizen/" + citizen.username() + "/PATIENT_SUMMARY", citizen.token()).expect(200);

        Api.Response all = api.get("/audit/events?citizen=" + citizen.username(), auditorToken).expect(200);
        assertThat(all.header("Content-Type")).startsWith("application/x-ndjson");
        List<JsonNode> lines = ndjson(all);
        assertThat(lines).extracting(line -> line.get("type").asText())
                .startsWith("CitizenRegistered", "CitizenLoggedIn", "ConsentGranted", "HealthRecordUploaded", "HealthRecordDownloaded");
        assertThat(lines).allSatisfy(line -> {
            assertThat(line.get("citizen").asText()).isEqualTo(citizen.username());
            assertThat(line.get("hash").asText()).hasSize(64);
            assertThat(line.get("prevHash").asText()).hasSize(64);
            assertThat(line.has("position") && line.has("account") && line.has("sequence") && line.has("timestamp")
                    && line.has("actor") && line.has("payload")).isTrue();
        });
        for (int i = 1; i < lines.size(); i++) {
            assertThat(lines.get(i).get("prevHash").asText()).isEqualTo(lines.get(i - 1).get("hash").asText());
            assertThat(lines.get(i).get("position").asLong()).isGreaterThan(lines.get(i - 1).get("position").asLong());
        }

        List<JsonNode> downloads = ndjson(api.get("/audit/events?citizen=" + citizen.username() + "&type=HealthRecordDownloaded", auditorToken).expect(200));
        assertThat(downloads).hasSize(1);
        assertThat(downloads.get(0).at("/payload/object").asText()).isEqualTo("PATIENT_SUMMARY");
        assertThat(downloads.get(0).at("/actor/kind").asText()).isEqualTo("CITIZEN");

        long third = lines.get(2).get("position").asLong();
        List<JsonNode> resumed = ndjson(api.get("/audit/events?citizen=" + citizen.username() + "&after=" + third, auditorToken).expect(200));
        assertThat(resumed.get(0).get("position").asLong()).isEqualTo(lines.get(3).get("position").asLong());

        String future = Instant.now().plus(Duration.ofDays(1)).toString();
        assertThat(ndjson(api.get("/audit/events?citizen=" + citizen.username() + "&from=" + future, auditorToken).expect(200))).isEmpty();
        api.get("/audit/events?from=yesterday", auditorToken).expectError(400);
    }

    @Test
    void should_record_a_compliance_read_on_the_citizens_stream_and_view() {
        Citizen citizen = api.newCitizen();
        api.get("/audit/verify?citizen=" + citizen.username(), auditorToken).expect(200);
        JsonNode compliance = api.get("/citizen/auditing", citizen.token()).expect(200).json().at("/auditing/compliance");
        assertThat(compliance.findValuesAsText("compliance_officer")).containsExactly(auditorName);
        assertThat(compliance.findValuesAsText("auditor")).as("the contract's field").containsExactly(auditorName);
        assertThat(compliance.findValuesAsText("action")).containsExactly("verify");
        assertThat(compliance.get(0).get("on").asText()).endsWith("Z");
    }
}
