package eu.sehr.cloud.emergency;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import eu.sehr.cloud.emergency.trust.CertifiedKey;
import eu.sehr.cloud.emergency.trust.DevCertificates;
import eu.sehr.cloud.emergency.trust.HcoAssertionSigner;
import eu.sehr.cloud.emergency.trust.HcoIdentity;
import eu.sehr.cloud.emergency.trust.HcoTrust;
import eu.sehr.cloud.support.Api;
import eu.sehr.cloud.support.Api.Citizen;
import eu.sehr.cloud.support.RunningService;
import eu.sehr.cloud.support.RunningService.Started;
import org.jose4j.jwt.JwtClaims;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static eu.sehr.cloud.emergency.EmergencyRequests.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** An HCO is who its certificate says: its name is the certificate's organisation, and its key owns its buckets. */
@ExtendWith(RunningService.class)
class HcoIdentityEndToEndTest {

    private final Api api;
    private final Started started;
    private final EmergencyRequests emergency;
    private final CertifiedKey hospital;
    private Citizen citizen;
    private String emergencyToken;

    HcoIdentityEndToEndTest(Api api, Started started) {
        this.api = api;
        this.started = started;
        this.emergency = new EmergencyRequests(api, started.hcoCa());
        this.hospital = new DevCertificates(Clock.systemUTC()).hco("St Mary Hospital", started.hcoCa());
    }

    @BeforeEach
    void citizen_with_both_consents() {
        citizen = api.newCitizen();
        api.signConsent(citizen.token(), "cloud").expect(200);
        emergencyToken = emergency.signHcoConsent(citizen);
    }

    @Test
    void should_refuse_an_hco_that_names_itself_after_another_hospital() {
        HcoAssertionSigner signer = emergency.signer(hospital, Clock.systemUTC());
        JwtClaims posing = signer.claims("Dr House", "unconscious patient admitted to the emergency department");
        posing.setIssuer("General Hospital");

        emergency.requestAccess(emergencyToken, signer.sign(posing)).expectError(403);
        emergency.requestAccess(emergencyToken, signer.sign(signer.claims("Dr House", "unconscious patient admitted to the emergency department"))).expect(200);

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(api.get("/citizen/auditing", citizen.token())
                .expect(200).json().at("/auditing/hco/granted_access")).extracting(entry -> entry
                .get("healthcare_organization_name").asText()).containsExactly("St Mary Hospital"));
    }

    @Test
    void should_keep_an_hco_whose_key_collides_out_of_the_emergency_bucket_of_another() throws Exception {
        String hcpToken = emergency.hcpToken(emergencyToken, hospital, "Dr House");
        String bucket = citizen.username() + "--hco-" + HcoTrust.hcoId(hospital.certificate());
        api.upload("/hcp/upload", hcpToken, "LABORATORY_RESULT", bytes("lab result")).expect(201);
        assertThat(recordedHcoKey(bucket)).isEqualTo(HcoIdentity.keyFingerprint(hospital.certificate()));

        // another HCO whose key has the same 10-hex id made the bucket first
        bindBucket(bucket, HcoTrust.hcoId(hospital.certificate()) + "0".repeat(54));

        assertThat(api.get("/hcp/buckets", hcpToken).expect(200).json().get("buckets")).extracting(JsonNode::asText)
                .containsExactly(citizen.username());
        api.get("/hcp/buckets/" + bucket, hcpToken).expectError(403);
        api.get("/hcp/" + bucket + "/LABORATORY_RESULT/metadata", hcpToken).expectError(403);
        api.get("/hcp/" + bucket + "/LABORATORY_RESULT", hcpToken).expectError(403);
        api.upload("/hcp/upload", hcpToken, "LABORATORY_RESULT", bytes("overwritten")).expectError(403);
        api.upload("/hcp/upload", hcpToken, "PRESCRIPTION", bytes("new")).expectError(403);
        assertThat(api.get("/citizen/" + bucket + "/LABORATORY_RESULT", citizen.token()).expect(200).body())
                .isEqualTo(bytes("lab result"));
        assertThat(api.get("/citizen/buckets/" + bucket, citizen.token()).expect(200).json().get("objects"))
                .extracting(JsonNode::asText).containsExactly("LABORATORY_RESULT");
    }

    @Test
    void should_keep_hcps_out_of_an_emergency_bucket_whose_hco_key_is_unknown() throws Exception {
        String hcpToken = emergency.hcpToken(emergencyToken, hospital, "Dr House");
        String bucket = citizen.username() + "--hco-" + HcoTrust.hcoId(hospital.certificate());
        api.upload("/hcp/upload", hcpToken, "LABORATORY_RESULT", bytes("lab result")).expect(201);

        // as for a bucket created before the service recorded its HCO's key
        bindBucket(bucket, null);

        assertThat(api.get("/hcp/buckets", hcpToken).expect(200).json().get("buckets")).extracting(JsonNode::asText)
                .containsExactly(citizen.username());
        api.get("/hcp/" + bucket + "/LABORATORY_RESULT", hcpToken).expectError(403);
        api.upload("/hcp/upload", hcpToken, "LABORATORY_RESULT", bytes("overwritten")).expectError(403);
    }

    private String recordedHcoKey(String bucket) throws Exception {
        try (Connection connection = started.service().stores().dataSource().getConnection();
             PreparedStatement select = connection.prepareStatement("SELECT hco_key FROM citizen_bucket WHERE bucket_name = ?")) {
            select.setString(1, bucket);
            try (ResultSet row = select.executeQuery()) {
                assertThat(row.next()).as("bucket %s is recorded", bucket).isTrue();
                return row.getString(1);
            }
        }
    }

    private void bindBucket(String bucket, String hcoKey) throws Exception {
        try (Connection connection = started.service().stores().dataSource().getConnection();
             PreparedStatement update = connection.prepareStatement("UPDATE citizen_bucket SET hco_key = ? WHERE bucket_name = ?")) {
            update.setString(1, hcoKey);
            update.setString(2, bucket);
            assertThat(update.executeUpdate()).isEqualTo(1);
        }
    }
}
