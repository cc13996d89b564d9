package eu.sehr.cloud.emergency;

import java.time.Clock;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import eu.sehr.cloud.emergency.trust.CertifiedKey;
import eu.sehr.cloud.emergency.trust.DevCertificates;
import eu.sehr.cloud.support.Api;
import eu.sehr.cloud.support.Api.Citizen;
import eu.sehr.cloud.support.RunningService;
import eu.sehr.cloud.support.RunningService.Started;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static eu.sehr.cloud.emergency.EmergencyRequests.claimsOf;
import static org.assertj.core.api.Assertions.assertThat;

/** Disputed emergency accesses form the compliance officers' queue; their decision comes back to the citizen. */
@ExtendWith(RunningService.class)
class DisputesEndToEndTest {

    private final Api api;
    private final Started started;
    private final EmergencyRequests emergency;
    private final CertifiedKey hospital;
    private Citizen citizen;
    private String emergencyToken;
    private String auditorToken;

    DisputesEndToEndTest(Api api, Started started) {
        this.api = api;
        this.started = started;
        this.emergency = new EmergencyRequests(api, started.hcoCa());
        this.hospital = new DevCertificates(Clock.systemUTC()).hco("St Mary Hospital", started.hcoCa());
    }

    @BeforeEach
    void citizen_with_the_hco_consent_and_an_auditor() {
        citizen = api.newCitizen();
        emergencyToken = emergency.signHcoConsent(citizen);
        auditorToken = EmergencyRequests.auditorToken(api, started.service().stores().dataSource());
    }

    private String access(String justification) {
        String token = emergency.requestAccess(emergencyToken, emergency.assertion(hospital, "Dr House", justification))
                .expect(200).json().get("hcoEmergencyToken").asText();
        try {
            return claimsOf(token).getJwtId();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private void dispute(String access, String comment) {
        api.postJson("/citizen/emergency/" + access + "/review", citizen.token(),
                "{\"verdict\":\"disputed\",\"comment\":\"" + comment + "\"}").expect(200);
    }

    private JsonNode disputeOf(String state, String access) {
        for (JsonNode dispute : api.get("/audit/disputes?state=" + state, auditorToken).expect(200).json().get("disputes")) {
            if (dispute.get("accessId").asText().equals(access)) {
                return dispute;
            }
        }
        return null;
    }

    @Test
    void should_queue_disputes_oldest_first_with_the_citizen_and_justification() {
        String first = access("suspected stroke");
        String second = access("allergy check");
        String recognised = access("follow-up");
        dispute(second, "I was never there");
        dispute(first, "not me either");
        api.postJson("/citizen/emergency/" + recognised + "/review", citizen.token(), "{\"verdict\":\"recognised\"}").expect(200);

        JsonNode disputes = api.get("/audit/disputes?state=open", auditorToken).expect(200).json().get("disputes");
        assertThat(disputes.findValuesAsText("accessId")).containsSubsequence(second, first).doesNotContain(recognised);
        assertThat(api.get("/audit/disputes", auditorToken).expect(200).json().get("disputes").findValuesAsText("accessId"))
                .containsSubsequence(second, first);
        JsonNode dispute = disputeOf("open", second);
        assertThat(dispute.fieldNames()).toIterable().containsExactlyInAnyOrder("citizen", "accessId", "hco", "hcp",
                "justification", "grantedOn", "comment", "disputedOn", "decision");
        assertThat(dispute.get("citizen").asText()).isEqualTo(citizen.username());
        assertThat(dispute.get("hco").asText()).isEqualTo("St Mary Hospital");
        assertThat(dispute.get("hcp").asText()).isEqualTo("Dr House");
        assertThat(dispute.get("justification").asText()).isEqualTo("allergy check");
        assertThat(dispute.get("comment").asText()).isEqualTo("I was never there");
        assertThat(dispute.get("decision").isNull()).isTrue();
    }

    @Test
    void should_decide_a_dispute_once_and_show_the_decision_to_the_citizen() {
        String access = access("suspected stroke");
        dispute(access, "I was never there");

        api.postJson("/audit/disputes/" + access + "/decision", auditorToken,
                "{\"decision\":\"unjustified\",\"comment\":\"no emergency on record\"}").expect(200);
        api.postJson("/audit/disputes/" + access + "/decision", auditorToken,
                "{\"decision\":\"justified\",\"comment\":\"second thoughts\"}").expectError(409);

        assertThat(disputeOf("open", access)).isNull();
        JsonNode decided = disputeOf("decided", access).get("decision");
        assertThat(decided.get("decision").asText()).isEqualTo("unjustified");
        assertThat(decided.get("comment").asText()).isEqualTo("no emergency on record");
        assertThat(decided.get("auditor").asText()).startsWith("officer-");
        assertThat(decided.get("decidedOn").isTextual()).isTrue();
        JsonNode citizensView = api.get("/citizen/emergency", citizen.token()).expect(200).json().at("/accesses/0/decision");
        assertThat(citizensView.get("decision").asText()).isEqualTo("unjustified");
        assertThat(citizensView.get("comment").asText()).isEqualTo("no emergency on record");
        assertThat(citizensView.has("auditor")).isFalse();
        JsonNode audit = api.get("/citizen/auditing", citizen.token()).expect(200).json();
        assertThat(audit.at("/auditing/hco/granted_access/0/decision/decision").asText()).isEqualTo("unjustified");
        assertThat(audit.at("/auditing/compliance").findValuesAsText("purpose")).contains("disputes");
    }

    @Test
    void should_answer_not_found_for_an_access_that_is_not_disputed() {
        String recognised = access("suspected stroke");
        String unreviewed = access("allergy check");
        api.postJson("/citizen/emergency/" + recognised + "/review", citizen.token(), "{\"verdict\":\"recognised\"}").expect(200);

        for (String id : new String[]{recognised, unreviewed, UUID.randomUUID().toString(), "not-an-access"}) {
            api.postJson("/audit/disputes/" + id + "/decision", auditorToken, "{\"decision\":\"justified\",\"comment\":\"ok\"}")
                    .expectError(404);
        }
    }

    @Test
    void should_refuse_malformed_decisions_and_states() {
        String access = access("suspected stroke");
        dispute(access, "not me");
        String path = "/audit/disputes/" + access + "/decision";

        api.postJson(path, auditorToken, "{\"decision\":\"maybe\",\"comment\":\"?\"}").expectError(400);
        api.postJson(path, auditorToken, "{\"comment\":\"no decision\"}").expectError(400);
        api.postJson(path, auditorToken, "{\"decision\":\"justified\",\"comment\":\"" + "c".repeat(1001) + "\"}").expectError(400);
        api.postJson(path, auditorToken, "not json").expectError(400);
        api.get("/audit/disputes?state=closed", auditorToken).expectError(400);
        assertThat(disputeOf("open", access)).isNotNull();
    }

    @Test
    void should_refuse_every_token_but_a_compliance_officers() {
        String access = access("suspected stroke");
        dispute(access, "not me");
        String hcp = emergency.requestAccess(emergencyToken, emergency.assertion(hospital, "Dr House")).expect(200)
                .json().get("hcoEmergencyToken").asText();

        for (String token : new String[]{null, "garbage", citizen.token(), emergencyToken, hcp}) {
            api.get("/audit/disputes", token).expectError(401);
            api.postJson("/audit/disputes/" + access + "/decision", token, "{\"decision\":\"justified\"}").expectError(401);
        }
        api.get("/citizen/emergency", auditorToken).expectError(401);
        assertThat(disputeOf("open", access)).isNotNull();
    }
}
