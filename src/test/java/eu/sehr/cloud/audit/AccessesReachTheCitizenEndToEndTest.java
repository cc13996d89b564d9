package eu.sehr.cloud.audit;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import eu.sehr.cloud.audit.compliance.AuditorDirectory;
import eu.sehr.cloud.emergency.trust.CertifiedKey;
import eu.sehr.cloud.emergency.trust.DevCertificates;
import eu.sehr.cloud.emergency.trust.HcoAssertionSigner;
import eu.sehr.cloud.infra.Sql;
import eu.sehr.cloud.security.PasswordHasher;
import eu.sehr.cloud.support.Api;
import eu.sehr.cloud.support.Api.Citizen;
import eu.sehr.cloud.support.EventRows;
import eu.sehr.cloud.support.RunningService;
import eu.sehr.cloud.support.RunningService.Started;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every access reaches the citizen's view: HCP listings and metadata reads, and compliance officers' exports, with or
 * without a citizen filter (a bulk export is one event naming the accounts it returned, shown to each of them).
 */
@ExtendWith(RunningService.class)
class AccessesReachTheCitizenEndToEndTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Api api;
    private final Started started;
    private String auditorName;
    private String auditorToken;

    AccessesReachTheCitizenEndToEndTest(Api api, Started started) {
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

    @Test
    void should_show_the_citizen_hcp_listings_and_metadata_reads_but_not_their_own() {
        Citizen citizen = citizenWithRecord();
        String hcpToken = hcpTokenFor(citizen);
        api.get("/hcp/buckets", hcpToken).expect(200);
        api.get("/hcp/buckets/" + citizen.username(), hcpToken).expect(200);
        api.get("/hcp/" + citizen.username() + "/PATIENT_SUMMARY/metadata", hcpToken).expect(200);
        api.get("/citizen/buckets/" + citizen.username(), citizen.token()).expect(200);
        api.get("/citizen/" + citizen.username() + "/PATIENT_SUMMARY/metadata", citizen.token()).expect(200);

        JsonNode hco = api.get("/citizen/auditing", citizen.token()).expect(200).json().at("/auditing/hco");

        assertThat(hco.get("listed")).as(hco.toString()).hasSize(2);
        assertThat(hco.get("listed").findValuesAsText("healthcare_professional_name")).containsOnly("Dr House");
        assertThat(hco.get("listed").findValuesAsText("healthcare_organization_name")).containsOnly("St Mary Hospital");
        assertThat(hco.at("/listed/0/listed_on").asText()).endsWith("Z");
        assertThat(hco.get("metadata_read")).hasSize(1);
        assertThat(hco.at("/metadata_read/0/metadata_read_hr").asText()).isEqualTo("PATIENT_SUMMARY");
        assertThat(hco.at("/metadata_read/0/healthcare_professional_name").asText()).isEqualTo("Dr House");
        JsonNode verdict = api.get("/audit/verify?citizen=" + citizen.username(), auditorToken).expect(200).json();
        assertThat(verdict.get("valid").asBoolean()).as("the new view lines agree with the log: " + verdict).isTrue();
    }

    @Test
    void should_show_an_export_filtered_by_citizen_to_that_citizen() {
        Citizen citizen = citizenWithRecord();
        api.get("/audit/events?citizen=" + citizen.username() + "&type=HealthRecordUploaded", auditorToken).expect(200).text();

        JsonNode compliance = api.get("/citizen/auditing", citizen.token()).expect(200).json().at("/auditing/compliance");

        assertThat(compliance.findValuesAsText("auditor")).containsExactly(auditorName);
        assertThat(compliance.findValuesAsText("action")).containsExactly("events");
    }

    @Test
    void should_show_a_bulk_export_to_every_citizen_whose_events_it_returned_with_one_event() throws Exception {
        Citizen first = citizenWithRecord();
        Citizen second = citizenWithRecord();
        EventRows rows = new EventRows(started.service().stores().dataSource());
        String firstAccount = rows.accountIdOf(first.username());
        String secondAccount = rows.accountIdOf(second.username());
        long before = rows.forAggregate(firstAccount).get(0).globalIndex() - 1;

        // a bulk export (no citizen filter), narrowed to uploads so that it reaches no other test's citizens
        String export = api.get("/audit/events?type=HealthRecordUploaded&after=" + before, auditorToken).expect(200).text();
        Citizen later = api.newCitizen();

        assertThat(export).contains(firstAccount, secondAccount);
        for (Citizen returned : List.of(first, second)) {
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                JsonNode compliance = api.get("/citizen/auditing", returned.token()).expect(200).json()
                        .at("/auditing/compliance");
                assertThat(compliance.findValuesAsText("auditor")).containsExactly(auditorName);
                assertThat(compliance.findValuesAsText("action")).containsExactly("events");
                assertThat(compliance.get(0).get("on").asText()).endsWith("Z");
            });
        }
        List<JsonNode> exports = api.get("/audit/events?type=EventStoreExported&after=" + before, auditorToken).expect(200)
                .text().lines().map(AccessesReachTheCitizenEndToEndTest::json)
                .filter(line -> auditorName.equals(line.at("/actor/name").asText()))
                .toList();
        assertThat(exports).as("one event for the whole export").hasSize(1);
        assertThat(JSON.convertValue(exports.get(0).at("/payload/accountIds"), String[].class))
                .contains(firstAccount, secondAccount).doesNotContain(rows.accountIdOf(later.username()));
        assertThat(api.get("/citizen/auditing", later.token()).expect(200).json().at("/auditing/compliance")).isEmpty();
    }

    private Citizen citizenWithRecord() {
        Citizen citizen = api.newCitizen();
        api.signConsent(citizen.token(), "cloud").expect(200);
        api.upload("/citizen/upload", citizen.token(), "PATIENT_SUMMARY", "summary".getBytes(StandardCharsets.UTF_8)).expect(201);
        return citizen;
    }

    private String hcpTokenFor(Citizen citizen) {
        String emergencyToken = api.signConsent(citizen.token(), "hco").expect(200).json().get("emergencyToken").asText();
        CertifiedKey hospital = new DevCertificates(Clock.systemUTC()).hco("St Mary Hospital", started.hcoCa());
        String assertion = HcoAssertionSigner.of(hospital, List.of(started.hcoCa().certificate()), Clock.systemUTC())
                .sign("Dr House", "unconscious patient admitted to the emergency department");
        return api.postJson("/hcp/requestaccess", emergencyToken, "{\"hcoAssertion\":\"" + assertion + "\"}")
                .expect(200).json().get("hcoEmergencyToken").asText();
    }

    private static JsonNode json(String line) {
        try {
            return JSON.readTree(line);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
