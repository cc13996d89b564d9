package eu.sehr.cloud.emergency;

import java.time.Clock;
import java.util.List;
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

import static eu.sehr.cloud.emergency.EmergencyRequests.bytes;
import static eu.sehr.cloud.emergency.EmergencyRequests.claimsOf;
import static org.assertj.core.api.Assertions.assertThat;

/** The citizen sees, ends and reviews their emergency accesses: GET /citizen/emergency, DELETE and review. */
@ExtendWith(RunningService.class)
class CitizenEmergencyControlEndToEndTest {

    private static final List<String> ACCESS_FIELDS = List.of("accessId", "hco", "hcp", "justification", "grantedOn",
            "expiresOn", "endedOn", "endReason", "review", "decision");

    private final Api api;
    private final EmergencyRequests emergency;
    private final DevCertificates certificates = new DevCertificates(Clock.systemUTC());
    private final CertifiedKey hospital;
    private Citizen citizen;
    private String emergencyToken;

    CitizenEmergencyControlEndToEndTest(Api api, Started started) {
        this.api = api;
        this.emergency = new EmergencyRequests(api, started.hcoCa());
        this.hospital = certificates.hco("St Mary Hospital", started.hcoCa());
    }

    @BeforeEach
    void citizen_with_both_consents_and_a_record() {
        citizen = api.newCitizen();
        api.signConsent(citizen.token(), "cloud").expect(200);
        emergencyToken = emergency.signHcoConsent(citizen);
        api.upload("/citizen/upload", citizen.token(), "PATIENT_SUMMARY", bytes("summary")).expect(201);
    }

    private String hcpToken(String hcpName, String justification) {
        return emergency.requestAccess(emergencyToken, emergency.assertion(hospital, hcpName, justification)).expect(200)
                .json().get("hcoEmergencyToken").asText();
    }

    private static String accessIdOf(String hcpToken) {
        try {
            return claimsOf(hcpToken).getJwtId();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void should_refuse_an_assertion_without_a_justification_or_with_one_too_long() {
        emergency.requestAccess(emergencyToken, emergency.assertion(hospital, "Dr House", "")).expectError(400);
        emergency.requestAccess(emergencyToken, emergency.assertion(hospital, "Dr House", "j".repeat(501))).expectError(400);
        emergency.requestAccess(emergencyToken, emergency.assertion(hospital, "Dr House", "j".repeat(500))).expect(200);
    }

    @Test
    void should_list_the_citizens_accesses_newest_first_with_the_justification() {
        String first = accessIdOf(hcpToken("Dr House", "suspected stroke, patient unconscious"));
        String second = accessIdOf(hcpToken("Dr Wilson", "allergy check before surgery"));

        JsonNode accesses = api.get("/citizen/emergency", citizen.token()).expect(200).json().get("accesses");

        assertThat(accesses).hasSize(2);
        assertThat(accesses.get(0).get("accessId").asText()).isEqualTo(second);
        assertThat(accesses.get(1).get("accessId").asText()).isEqualTo(first);
        JsonNode newest = accesses.get(0);
        assertThat(newest.fieldNames()).toIterable().containsExactlyInAnyOrderElementsOf(ACCESS_FIELDS);
        assertThat(newest.get("hco").asText()).isEqualTo("St Mary Hospital");
        assertThat(newest.get("hcp").asText()).isEqualTo("Dr Wilson");
        assertThat(newest.get("justification").asText()).isEqualTo("allergy check before surgery");
        assertThat(newest.get("grantedOn").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
        assertThat(newest.get("expiresOn").asText()).isGreaterThan(newest.get("grantedOn").asText());
        for (String empty : List.of("endedOn", "endReason", "review", "decision")) {
            assertThat(newest.get(empty).isNull()).as(empty).isTrue();
        }
    }

    @Test
    void should_end_one_access_at_once_refusing_its_token_while_the_consent_and_other_accesses_stay() {
        String ended = hcpToken("Dr House", "suspected stroke");
        String other = hcpToken("Dr Wilson", "allergy check");

        api.delete("/citizen/emergency/" + accessIdOf(ended), citizen.token()).expect(200);

        api.get("/hcp/buckets", ended).expectError(401);
        api.get("/hcp/" + citizen.username() + "/PATIENT_SUMMARY", ended).expectError(401);
        api.get("/hcp/" + citizen.username() + "/PATIENT_SUMMARY/metadata", ended).expectError(401);
        api.upload("/hcp/upload", ended, "LATE", bytes("late")).expectError(401);
        api.get("/hcp/buckets", other).expect(200);
        hcpToken("Dr House", "called back to the patient");
        JsonNode endedAccess = accessById(accessIdOf(ended));
        assertThat(endedAccess.get("endReason").asText()).isEqualTo("ENDED_BY_CITIZEN");
        assertThat(endedAccess.get("endedOn").isTextual()).isTrue();
        api.delete("/citizen/emergency/" + accessIdOf(ended), citizen.token()).expectError(409);
    }

    @Test
    void should_answer_not_found_for_an_unknown_or_another_citizens_access() {
        Citizen stranger = api.newCitizen();
        String access = accessIdOf(hcpToken("Dr House", "suspected stroke"));

        api.delete("/citizen/emergency/" + UUID.randomUUID(), citizen.token()).expectError(404);
        api.delete("/citizen/emergency/not-an-access", citizen.token()).expectError(404);
        api.delete("/citizen/emergency/" + access, stranger.token()).expectError(404);
        api.postJson("/citizen/emergency/" + access + "/review", stranger.token(), "{\"verdict\":\"disputed\"}").expectError(404);
        api.postJson("/citizen/emergency/" + UUID.randomUUID() + "/review", citizen.token(), "{\"verdict\":\"disputed\"}")
                .expectError(404);
        assertThat(api.get("/citizen/emergency", stranger.token()).expect(200).json().get("accesses")).isEmpty();
    }

    @Test
    void should_refuse_tokens_other_than_the_citizens() {
        String hcp = hcpToken("Dr House", "suspected stroke");
        String access = accessIdOf(hcp);

        for (String token : new String[]{null, "garbage", hcp, emergencyToken}) {
            api.get("/citizen/emergency", token).expectError(401);
            api.delete("/citizen/emergency/" + access, token).expectError(401);
            api.postJson("/citizen/emergency/" + access + "/review", token, "{\"verdict\":\"disputed\"}").expectError(401);
        }
        api.get("/hcp/buckets", hcp).expect(200);
    }

    @Test
    void should_record_one_review_per_access_and_show_it() {
        String access = accessIdOf(hcpToken("Dr House", "suspected stroke"));

        api.postJson("/citizen/emergency/" + access + "/review", citizen.token(),
                "{\"verdict\":\"recognised\",\"comment\":\"I was in the ER that night\"}").expect(200);
        api.postJson("/citizen/emergency/" + access + "/review", citizen.token(), "{\"verdict\":\"disputed\"}").expectError(409);

        JsonNode review = accessById(access).get("review");
        assertThat(review.get("verdict").asText()).isEqualTo("recognised");
        assertThat(review.get("comment").asText()).isEqualTo("I was in the ER that night");
        assertThat(review.get("reviewedOn").isTextual()).isTrue();
    }

    @Test
    void should_refuse_a_malformed_review() {
        String access = accessIdOf(hcpToken("Dr House", "suspected stroke"));
        String path = "/citizen/emergency/" + access + "/review";

        api.postJson(path, citizen.token(), "{\"verdict\":\"maybe\"}").expectError(400);
        api.postJson(path, citizen.token(), "{}").expectError(400);
        api.postJson(path, citizen.token(), "{\"verdict\":").expectError(400);
        api.postJson(path, citizen.token(), "{\"verdict\":\"disputed\",\"comment\":\"" + "c".repeat(1001) + "\"}")
                .expectError(400);
        api.send("POST", path, citizen.token(), "text/plain", bytes("disputed")).expectError(415);
        api.postJson(path, citizen.token(), "{\"verdict\":\"disputed\",\"comment\":\"" + "c".repeat(1000) + "\"}")
                .expect(200);
    }

    @Test
    void should_show_justification_end_and_review_in_the_citizens_audit() {
        String access = accessIdOf(hcpToken("Dr House", "suspected stroke"));
        api.delete("/citizen/emergency/" + access, citizen.token()).expect(200);
        api.postJson("/citizen/emergency/" + access + "/review", citizen.token(), "{\"verdict\":\"disputed\"}").expect(200);

        JsonNode granted = api.get("/citizen/auditing", citizen.token()).expect(200).json()
                .at("/auditing/hco/granted_access/0");

        assertThat(granted.get("access_id").asText()).isEqualTo(access);
        assertThat(granted.get("justification").asText()).isEqualTo("suspected stroke");
        assertThat(granted.get("healthcare_organization_name").asText()).isEqualTo("St Mary Hospital");
        assertThat(granted.get("expires_on").isTextual()).isTrue();
        assertThat(granted.get("ended_on").isTextual()).isTrue();
        assertThat(granted.get("end_reason").asText()).isEqualTo("ENDED_BY_CITIZEN");
        assertThat(granted.get("review").get("verdict").asText()).isEqualTo("disputed");
        assertThat(granted.get("decision").isNull()).isTrue();
    }

    private JsonNode accessById(String accessId) {
        for (JsonNode access : api.get("/citizen/emergency", citizen.token()).expect(200).json().get("accesses")) {
            if (access.get("accessId").asText().equals(accessId)) {
                return access;
            }
        }
        throw new AssertionError("no access " + accessId);
    }
}
