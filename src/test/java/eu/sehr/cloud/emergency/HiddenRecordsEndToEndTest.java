package eu.sehr.cloud.emergency;

import java.time.Clock;

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
import static org.assertj.core.api.Assertions.assertThat;

/** A citizen hides records from emergency access (EHDS Art. 8); an HCP cannot tell a hidden record from a missing one. */
@ExtendWith(RunningService.class)
class HiddenRecordsEndToEndTest {

    private static final String HIDE = "{\"visible\": false}";
    private static final String SHOW = "{\"visible\": true}";

    private final Api api;
    private final EmergencyRequests emergency;
    private final CertifiedKey hospital;
    private Citizen citizen;
    private String hcpToken;

    HiddenRecordsEndToEndTest(Api api, Started started) {
        this.api = api;
        this.emergency = new EmergencyRequests(api, started.hcoCa());
        this.hospital = new DevCertificates(Clock.systemUTC()).hco("St Mary Hospital", started.hcoCa());
    }

    @BeforeEach
    void citizen_with_two_records_and_an_hcp_in_an_emergency() {
        citizen = api.newCitizen();
        api.signConsent(citizen.token(), "cloud").expect(200);
        String emergencyToken = emergency.signHcoConsent(citizen);
        api.upload("/citizen/upload", citizen.token(), "PATIENT_SUMMARY", bytes("summary")).expect(201);
        api.upload("/citizen/upload", citizen.token(), "MENTAL_HEALTH", bytes("private")).expect(201);
        hcpToken = emergency.hcpToken(emergencyToken, hospital, "Dr House");
    }

    private String visibility(String object) {
        return "/citizen/" + citizen.username() + "/" + object + "/emergency";
    }

    private Api.Response put(String path, String token, String json) {
        return api.send("PUT", path, token, "application/json", bytes(json));
    }

    @Test
    void should_leave_a_hidden_record_out_of_hcp_listings_and_reads_until_shown_again() {
        put(visibility("MENTAL_HEALTH"), citizen.token(), HIDE).expect(200);

        assertThat(api.get("/hcp/buckets/" + citizen.username(), hcpToken).expect(200).json().get("objects"))
                .extracting(JsonNode::asText).containsExactly("PATIENT_SUMMARY");
        api.get("/hcp/" + citizen.username() + "/MENTAL_HEALTH/metadata", hcpToken).expectError(404);
        api.get("/hcp/" + citizen.username() + "/MENTAL_HEALTH", hcpToken).expectError(404);
        api.get("/hcp/" + citizen.username() + "/PATIENT_SUMMARY", hcpToken).expect(200);
        assertThat(api.get("/citizen/buckets/" + citizen.username(), citizen.token()).expect(200).json().get("objects"))
                .extracting(JsonNode::asText).containsExactly("MENTAL_HEALTH", "PATIENT_SUMMARY");
        assertThat(api.get("/citizen/" + citizen.username() + "/MENTAL_HEALTH", citizen.token()).expect(200).body())
                .isEqualTo(bytes("private"));

        put(visibility("MENTAL_HEALTH"), citizen.token(), SHOW).expect(200);
        assertThat(api.get("/hcp/" + citizen.username() + "/MENTAL_HEALTH", hcpToken).expect(200).body())
                .isEqualTo(bytes("private"));
    }

    @Test
    void should_give_an_hcp_the_same_answer_for_a_hidden_record_as_for_a_missing_one() {
        put(visibility("MENTAL_HEALTH"), citizen.token(), HIDE).expect(200);

        for (String suffix : new String[]{"/metadata", ""}) {
            Api.Response hidden = api.get("/hcp/" + citizen.username() + "/MENTAL_HEALTH" + suffix, hcpToken);
            Api.Response missing = api.get("/hcp/" + citizen.username() + "/NEVER_UPLOADED" + suffix, hcpToken);
            hidden.expectError(404);
            missing.expectError(404);
            assertThat(hidden.text()).isEqualTo(missing.text());
            assertThat(hidden.header("Content-Type")).isEqualTo(missing.header("Content-Type"));
            assertThat(hidden.header("Content-Length")).isEqualTo(missing.header("Content-Length"));
        }
    }

    @Test
    void should_show_the_citizen_whether_a_record_is_visible_in_an_emergency() {
        String metadata = "/citizen/" + citizen.username() + "/MENTAL_HEALTH/metadata";
        assertThat(api.get(metadata, citizen.token()).expect(200).json().at("/metadata/emergencyVisible").asBoolean()).isTrue();

        put(visibility("MENTAL_HEALTH"), citizen.token(), HIDE).expect(200);
        put(visibility("MENTAL_HEALTH"), citizen.token(), HIDE).expect(200);

        assertThat(api.get(metadata, citizen.token()).expect(200).json().at("/metadata/emergencyVisible").asBoolean()).isFalse();
        assertThat(api.get("/hcp/" + citizen.username() + "/PATIENT_SUMMARY/metadata", hcpToken).expect(200).json()
                .get("metadata").has("emergencyVisible")).isFalse();
    }

    @Test
    void should_keep_a_replaced_record_hidden() {
        put(visibility("MENTAL_HEALTH"), citizen.token(), HIDE).expect(200);
        api.upload("/citizen/upload", citizen.token(), "MENTAL_HEALTH", bytes("private, updated")).expect(201);

        api.get("/hcp/" + citizen.username() + "/MENTAL_HEALTH", hcpToken).expectError(404);
    }

    @Test
    void should_refuse_unknown_records_other_owners_bad_bodies_and_other_tokens() {
        Citizen stranger = api.newCitizen();

        put(visibility("NEVER_UPLOADED"), citizen.token(), HIDE).expectError(404);
        put("/citizen/" + citizen.username() + "/MENTAL_HEALTH/emergency", stranger.token(), HIDE).expectError(403);
        put(visibility("MENTAL_HEALTH"), citizen.token(), "{}").expectError(400);
        put(visibility("MENTAL_HEALTH"), citizen.token(), "{\"visible\": \"no\"}").expectError(400);
        put(visibility("MENTAL_HEALTH"), citizen.token(), "{\"visible\":").expectError(400);
        put("/citizen/" + citizen.username() + "/..%2Fx/emergency", citizen.token(), HIDE).expectError(400);
        api.send("PUT", visibility("MENTAL_HEALTH"), citizen.token(), "text/plain", bytes(HIDE)).expectError(415);
        put(visibility("MENTAL_HEALTH"), hcpToken, HIDE).expectError(401);
        put(visibility("MENTAL_HEALTH"), null, HIDE).expectError(401);
        api.get("/hcp/" + citizen.username() + "/MENTAL_HEALTH", hcpToken).expect(200);
    }
}
