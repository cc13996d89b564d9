package eu.sehr.cloud.reliability;

import java.nio.charset.StandardCharsets;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import eu.sehr.cloud.support.Api;
import eu.sehr.cloud.support.Api.Citizen;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whatever one replica decides, the other applies at once: tokens issued by either, revocations and ended accesses,
 * an account one replica has cached and the other changed, the login throttle and the assertion replay guard.
 */
class TwoReplicasDecisionsTest extends TwoReplicasFixture {

    @Test
    void should_accept_a_token_issued_by_one_replica_on_the_other() {
        Citizen citizen = a().newCitizen();
        b().get("/citizen/buckets", citizen.token()).expect(200);
        b().signConsent(citizen.token(), "cloud").expect(200);
        b().upload("/citizen/upload", citizen.token(), "PATIENT_SUMMARY", bytes("summary")).expect(201);
        assertThat(a().get("/citizen/" + citizen.username() + "/PATIENT_SUMMARY", citizen.token()).expect(200).body())
                .isEqualTo(bytes("summary"));

        String tokenFromB = b().login(citizen.username(), citizen.password()).expect(200).json().get("token").asText();
        assertThat(a().get("/citizen/buckets/" + citizen.username(), tokenFromB).expect(200).json().get("objects"))
                .extracting(JsonNode::asText).containsExactly("PATIENT_SUMMARY");
        assertThat(a().get("/.well-known/jwks.json", null).expect(200).json())
                .isEqualTo(b().get("/.well-known/jwks.json", null).expect(200).json());
    }

    @Test
    void should_refuse_an_hcp_token_from_one_replica_at_once_after_revocation_through_the_other() {
        Citizen citizen = a().newCitizen();
        a().signConsent(citizen.token(), "cloud").expect(200);
        String emergencyToken = a().signConsent(citizen.token(), "hco").expect(200).json().get("emergencyToken").asText();
        a().upload("/citizen/upload", citizen.token(), "PATIENT_SUMMARY", bytes("summary")).expect(201);
        String hcpToken = requestAccess(b(), emergencyToken, assertion("Dr House")).expect(200)
                .json().get("hcoEmergencyToken").asText();
        b().get("/hcp/buckets", hcpToken).expect(200);
        b().get("/hcp/" + citizen.username() + "/PATIENT_SUMMARY", hcpToken).expect(200);

        a().delete("/citizen/consent/hco", citizen.token()).expect(200);

        b().get("/hcp/buckets", hcpToken).expectError(403);
        b().get("/hcp/" + citizen.username() + "/PATIENT_SUMMARY", hcpToken).expectError(403);
        b().upload("/hcp/upload", hcpToken, "LATE", bytes("late")).expectError(403);
        requestAccess(b(), emergencyToken, assertion("Dr House")).expectError(403);
        a().get("/hcp/buckets", hcpToken).expectError(403);
    }

    @Test
    void should_refuse_an_hcp_token_on_one_replica_at_once_after_the_citizen_ended_the_access_on_the_other() throws Exception {
        Citizen citizen = a().newCitizen();
        a().signConsent(citizen.token(), "cloud").expect(200);
        String emergencyToken = a().signConsent(citizen.token(), "hco").expect(200).json().get("emergencyToken").asText();
        a().upload("/citizen/upload", citizen.token(), "PATIENT_SUMMARY", bytes("summary")).expect(201);
        String hcpToken = requestAccess(b(), emergencyToken, assertion("Dr House")).expect(200)
                .json().get("hcoEmergencyToken").asText();
        String otherHcpToken = requestAccess(b(), emergencyToken, assertion("Dr Wilson")).expect(200)
                .json().get("hcoEmergencyToken").asText();
        // both replicas have served (and cached) the account with the access open
        b().get("/hcp/" + citizen.username() + "/PATIENT_SUMMARY", hcpToken).expect(200);
        a().get("/hcp/buckets", hcpToken).expect(200);
        String accessId = org.jose4j.jwt.JwtClaims.parse(new String(java.util.Base64.getUrlDecoder()
                .decode(hcpToken.split("\\.")[1]), StandardCharsets.UTF_8)).getJwtId();

        a().delete("/citizen/emergency/" + accessId, citizen.token()).expect(200);

        b().get("/hcp/buckets", hcpToken).expectError(401);
        b().get("/hcp/buckets/" + citizen.username(), hcpToken).expectError(401);
        b().get("/hcp/" + citizen.username() + "/PATIENT_SUMMARY/metadata", hcpToken).expectError(401);
        b().get("/hcp/" + citizen.username() + "/PATIENT_SUMMARY", hcpToken).expectError(401);
        b().upload("/hcp/upload", hcpToken, "LATE", bytes("late")).expectError(401);
        b().get("/hcp/buckets", otherHcpToken).expect(200);
        b().delete("/citizen/emergency/" + accessId, citizen.token()).expectError(409);
    }

    @Test
    void should_decide_on_an_account_as_the_other_replica_left_it() {
        Citizen citizen = a().newCitizen();
        a().signConsent(citizen.token(), "cloud").expect(200);
        String firstEmergencyToken = a().signConsent(citizen.token(), "hco").expect(200).json().get("emergencyToken").asText();
        b().delete("/citizen/consent/hco", citizen.token()).expect(200);

        // replica A has the account with the first grant in its cache; the grant must be renewed, not repeated
        String secondEmergencyToken = a().signConsent(citizen.token(), "hco").expect(200).json().get("emergencyToken").asText();

        requestAccess(a(), firstEmergencyToken, assertion("Dr House")).expectError(403);
        requestAccess(a(), secondEmergencyToken, assertion("Dr Wilson")).expect(200);
    }

    @Test
    void should_apply_the_login_throttle_across_both_replicas() {
        Citizen citizen = a().newCitizen();
        List<Api> alternating = List.of(a(), b(), a(), b(), a());
        for (Api replica : alternating) {
            replica.login(citizen.username(), "not the password").expectError(401);
        }
        a().login(citizen.username(), citizen.password()).expectError(429);
        b().login(citizen.username(), citizen.password()).expectError(429);
        b().login(citizen.username(), "not the password").expectError(429);
    }

    @Test
    void should_refuse_on_one_replica_an_assertion_already_used_on_the_other() {
        Citizen citizen = a().newCitizen();
        a().signConsent(citizen.token(), "cloud").expect(200);
        String emergencyToken = a().signConsent(citizen.token(), "hco").expect(200).json().get("emergencyToken").asText();

        String first = assertion("Dr House");
        requestAccess(a(), emergencyToken, first).expect(200);
        requestAccess(b(), emergencyToken, first).expectError(403);

        String second = assertion("Dr Wilson");
        requestAccess(b(), emergencyToken, second).expect(200);
        requestAccess(a(), emergencyToken, second).expectError(403);
    }
}
