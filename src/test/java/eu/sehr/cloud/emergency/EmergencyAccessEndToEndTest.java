package eu.sehr.cloud.emergency;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import eu.sehr.cloud.emergency.trust.CertifiedKey;
import eu.sehr.cloud.emergency.trust.DevCertificates;
import eu.sehr.cloud.emergency.trust.HcoAssertionSigner;
import eu.sehr.cloud.emergency.trust.HcoTrust;
import eu.sehr.cloud.support.Api;
import eu.sehr.cloud.support.Api.Citizen;
import eu.sehr.cloud.support.EventRows;
import eu.sehr.cloud.support.RunningService;
import eu.sehr.cloud.support.RunningService.Started;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(RunningService.class)
class EmergencyAccessEndToEndTest {

    private final Api api;
    private final Started started;
    private final DevCertificates certificates = new DevCertificates(Clock.systemUTC());
    private CertifiedKey hospital;
    private Citizen citizen;
    private String emergencyToken;

    EmergencyAccessEndToEndTest(Api api, Started started) {
        this.api = api;
        this.started = started;
    }

    @BeforeEach
    void citizen_with_both_consents_and_a_record() {
        hospital = certificates.hco("St Mary Hospital", started.hcoCa());
        citizen = api.newCitizen();
        api.signConsent(citizen.token(), "cloud").expect(200);
        emergencyToken = api.signConsent(citizen.token(), "hco").expect(200).json().get("emergencyToken").asText();
        api.upload("/citizen/upload", citizen.token(), "PATIENT_SUMMARY", bytes("summary of " + citizen.username())).expect(201);
    }

    @Test
    void should_let_a_trusted_hcp_read_and_upload_and_the_citizen_see_it() {
        String hcpToken = requestAccess(emergencyToken, assertion(hospital, "Dr House")).expect(200)
                .json().get("hcoEmergencyToken").asText();
        String emergencyBucket = citizen.username() + "--hco-" + HcoTrust.hcoId(hospital.certificate());

        assertThat(api.get("/hcp/buckets", hcpToken).expect(200).json().get("buckets")).extracting(JsonNode::asText)
                .containsExactly(citizen.username());
        assertThat(api.get("/hcp/buckets/" + citizen.username(), hcpToken).expect(200).json().get("objects"))
                .extracting(JsonNode::asText).containsExactly("PATIENT_SUMMARY");
        api.get("/hcp/" + citizen.username() + "/PATIENT_SUMMARY/metadata", hcpToken).expect(200);
        assertThat(api.get("/hcp/" + citizen.username() + "/PATIENT_SUMMARY", hcpToken).expect(200).body())
                .isEqualTo(bytes("summary of " + citizen.username()));

        api.upload("/hcp/upload", hcpToken, "LABORATORY_RESULT", bytes("lab result")).expect(201);
        assertThat(api.get("/hcp/buckets", hcpToken).expect(200).json().get("buckets")).extracting(JsonNode::asText)
                .containsExactly(citizen.username(), emergencyBucket);
        assertThat(api.get("/citizen/buckets", citizen.token()).expect(200).json().get("buckets")).extracting(JsonNode::asText)
                .containsExactly(citizen.username(), emergencyBucket);
        assertThat(api.get("/citizen/" + emergencyBucket + "/LABORATORY_RESULT", citizen.token()).expect(200).body())
                .isEqualTo(bytes("lab result"));
    }

    @Test
    void should_refuse_hcp_token_after_consent_revoked_and_record_the_end_of_access() {
        String hcpToken = requestAccess(emergencyToken, assertion(hospital, "Dr House")).expect(200)
                .json().get("hcoEmergencyToken").asText();
        api.delete("/citizen/consent/hco", citizen.token()).expect(200);

        api.get("/hcp/buckets", hcpToken).expectError(403);
        api.get("/hcp/" + citizen.username() + "/PATIENT_SUMMARY", hcpToken).expectError(403);
        api.upload("/hcp/upload", hcpToken, "LATE", bytes("late")).expectError(403);
        requestAccess(emergencyToken, assertion(hospital, "Dr House")).expectError(403);

        EventRows events = new EventRows(started.service().stores().dataSource());
        List<String> types = events.forAggregate(events.accountIdOf(citizen.username())).stream()
                .map(EventRows.Row::simpleType).toList();
        assertThat(types).containsSubsequence("EmergencyAccessGranted", "EmergencyAccessEnded", "HcoConsentRevoked");
    }

    @Test
    void should_refuse_an_untrusted_hco_and_a_replayed_assertion() {
        CertifiedKey rogueCa = certificates.certificateAuthority("Rogue CA");
        requestAccess(emergencyToken, assertion(certificates.hco("Rogue Clinic", rogueCa), "Dr Evil")).expectError(403);

        String once = assertion(hospital, "Dr House");
        requestAccess(emergencyToken, once).expect(200);
        requestAccess(emergencyToken, once).expectError(403);
    }

    @Test
    void should_refuse_a_replay_after_exp_while_the_clock_skew_still_accepts_the_assertion() {
        Citizen other = api.newCitizen();
        String otherEmergencyToken = api.signConsent(other.token(), "hco").expect(200).json().get("emergencyToken").asText();
        Instant tenSecondsAfterExpiry = Instant.now().minus(HcoAssertionSigner.LIFETIME).minusSeconds(10);
        String expired = HcoAssertionSigner.of(hospital, List.of(started.hcoCa().certificate()),
                Clock.fixed(tenSecondsAfterExpiry, ZoneOffset.UTC)).sign("Dr House", "unconscious patient admitted to the emergency department");

        requestAccess(emergencyToken, expired).expect(200);
        requestAccess(emergencyToken, expired).expectError(403);
        requestAccess(otherEmergencyToken, expired).expectError(403);
    }

    @Test
    void should_refuse_other_token_kinds_as_emergency_token_and_on_hcp_endpoints() {
        requestAccess(citizen.token(), assertion(hospital, "Dr House")).expectError(401);
        String hcpToken = requestAccess(emergencyToken, assertion(hospital, "Dr House")).expect(200)
                .json().get("hcoEmergencyToken").asText();
        requestAccess(hcpToken, assertion(hospital, "Dr House")).expectError(401);

        api.get("/hcp/buckets", citizen.token()).expectError(401);
        api.get("/hcp/buckets", emergencyToken).expectError(401);
        api.get("/citizen/buckets", hcpToken).expectError(401);
        api.get("/citizen/buckets", emergencyToken).expectError(401);
        api.delete("/citizen/account", hcpToken).expectError(401);
    }

    @Test
    void should_refuse_hcp_access_to_other_citizens_and_other_hcos_buckets() {
        Citizen other = api.newCitizen();
        String hcpToken = requestAccess(emergencyToken, assertion(hospital, "Dr House")).expect(200)
                .json().get("hcoEmergencyToken").asText();
        String otherHcoBucket = citizen.username() + "--hco-0123456789";

        api.get("/hcp/buckets/" + other.username(), hcpToken).expectError(403);
        api.get("/hcp/" + other.username() + "/PATIENT_SUMMARY", hcpToken).expectError(403);
        api.get("/hcp/buckets/" + otherHcoBucket, hcpToken).expectError(403);
        api.get("/hcp/" + otherHcoBucket + "/PATIENT_SUMMARY/metadata", hcpToken).expectError(403);
    }

    @Test
    void should_refuse_malformed_requests_for_access() {
        api.postJson("/hcp/requestaccess", emergencyToken, "{\"hcoAssertion\": 12").expectError(400);
        api.postJson("/hcp/requestaccess", emergencyToken, "{\"hcoAssertion\": \"not-a-jws\"}").expectError(400);
        api.postJson("/hcp/requestaccess", null, "{\"hcoAssertion\": \"x\"}").expectError(401);
    }

    private Api.Response requestAccess(String token, String assertion) {
        return api.postJson("/hcp/requestaccess", token, "{\"hcoAssertion\":\"" + assertion + "\"}");
    }

    private String assertion(CertifiedKey hco, String hcpName) {
        return HcoAssertionSigner.of(hco, List.of(started.hcoCa().certificate()), Clock.systemUTC()).sign(hcpName, "unconscious patient admitted to the emergency department");
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
