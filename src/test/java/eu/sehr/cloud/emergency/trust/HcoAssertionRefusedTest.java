package eu.sehr.cloud.emergency.trust;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;

import eu.sehr.cloud.infra.http.ApiException;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.keys.HmacKey;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** HcoTrust refuses an untrusted, expired, forged or malformed assertion: 403, or 400 for what is not an assertion. */
class HcoAssertionRefusedTest extends HcoTrustFixture {

    @Test
    void should_refuse_a_certificate_of_an_untrusted_ca() {
        CertifiedKey otherCa = pki.certificateAuthority("Other CA");
        CertifiedKey stranger = pki.hco("Elsewhere Hospital", otherCa);
        String assertion = HcoAssertionSigner.of(stranger, List.of(otherCa.certificate()), clock).sign("Dr House", "unconscious patient admitted to the emergency department");

        assertForbidden(() -> trust.verify(assertion));
    }

    @Test
    void should_refuse_an_expired_certificate() {
        CertifiedKey expired = pki.hco("St Mary Hospital", pki.ecKeyPair(), ca,
                NOW.minus(Duration.ofDays(400)), NOW.minus(Duration.ofDays(35)));

        assertForbidden(() -> trust.verify(signer(expired).sign("Dr House", "unconscious patient admitted to the emergency department")));
    }

    @Test
    void should_refuse_a_certificate_that_is_not_valid_yet() {
        CertifiedKey future = pki.hco("St Mary Hospital", pki.ecKeyPair(), ca,
                NOW.plus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(366)));

        assertForbidden(() -> trust.verify(signer(future).sign("Dr House", "unconscious patient admitted to the emergency department")));
    }

    @Test
    void should_refuse_a_leaf_that_the_trusted_ca_did_not_sign() {
        CertifiedKey impostorCa = pki.certificateAuthority("Test CA");
        CertifiedKey forged = pki.hco("St Mary Hospital", impostorCa);
        String assertion = HcoAssertionSigner.of(forged, List.of(ca.certificate()), clock).sign("Dr House", "unconscious patient admitted to the emergency department");

        assertForbidden(() -> trust.verify(assertion));
    }

    @Test
    void should_refuse_an_assertion_signed_with_a_key_other_than_the_leaf_certificate() {
        String assertion = new HcoAssertionSigner(pki.ecKeyPair().getPrivate(),
                List.of(hospital.certificate(), ca.certificate()), clock).sign("Dr House", "unconscious patient admitted to the emergency department");

        assertForbidden(() -> trust.verify(assertion));
    }

    @Test
    void should_refuse_an_assertion_for_another_audience() {
        HcoAssertionSigner signer = signer(hospital);
        JwtClaims claims = signer.claims("Dr House", "unconscious patient admitted to the emergency department");
        claims.setAudience("another-cloud");

        assertForbidden(() -> trust.verify(signer.sign(claims)));
    }

    @Test
    void should_refuse_an_expired_assertion() {
        HcoAssertionSigner past = HcoAssertionSigner.of(hospital, List.of(ca.certificate()),
                Clock.fixed(NOW.minus(Duration.ofMinutes(10)), ZoneOffset.UTC));

        assertForbidden(() -> trust.verify(past.sign("Dr House", "unconscious patient admitted to the emergency department")));
    }

    @Test
    void should_refuse_an_assertion_that_lives_longer_than_five_minutes() {
        HcoAssertionSigner signer = signer(hospital);
        JwtClaims claims = signer.claims("Dr House", "unconscious patient admitted to the emergency department");
        claims.setExpirationTime(NumericDate.fromSeconds(NOW.plusSeconds(301).getEpochSecond()));

        assertForbidden(() -> trust.verify(signer.sign(claims)));
    }

    @Test
    void should_refuse_an_assertion_that_expires_before_it_is_issued() {
        HcoAssertionSigner signer = signer(hospital);
        JwtClaims claims = signer.claims("Dr House", "unconscious patient admitted to the emergency department");
        claims.setExpirationTime(NumericDate.fromSeconds(NOW.minusSeconds(1).getEpochSecond()));

        assertForbidden(() -> trust.verify(signer.sign(claims)));
    }

    @Test
    void should_refuse_an_unsigned_assertion() throws Exception {
        JsonWebSignature jws = jwsWithChain(signer(hospital).claims("Dr House", "unconscious patient admitted to the emergency department"));
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.NONE);
        jws.setAlgorithmConstraints(AlgorithmConstraints.NO_CONSTRAINTS);

        String unsigned = jws.getCompactSerialization();

        assertForbidden(() -> trust.verify(unsigned));
    }

    @Test
    void should_refuse_an_hmac_assertion() throws Exception {
        JsonWebSignature jws = jwsWithChain(signer(hospital).claims("Dr House", "unconscious patient admitted to the emergency department"));
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.HMAC_SHA256);
        jws.setKey(new HmacKey(hospital.certificate().getPublicKey().getEncoded()));
        jws.setDoKeyValidation(false);

        String hmac = jws.getCompactSerialization();

        assertForbidden(() -> trust.verify(hmac));
    }

    @Test
    void should_refuse_an_assertion_without_a_certificate_chain() throws Exception {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(signer(hospital).claims("Dr House", "unconscious patient admitted to the emergency department").toJson());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256);
        jws.setKey(hospital.privateKey());

        String withoutChain = jws.getCompactSerialization();

        assertForbidden(() -> trust.verify(withoutChain));
    }

    @Test
    void should_answer_bad_request_to_a_missing_or_garbled_assertion() {
        for (String garbage : new String[]{null, "", "  ", "garbage", "a.b.c", "eyJhbGciOiJFUzI1NiJ9.e30"}) {
            assertThatThrownBy(() -> trust.verify(garbage))
                    .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(400));
        }
    }

    @Test
    void should_answer_bad_request_to_a_trusted_assertion_without_a_subject() {
        HcoAssertionSigner signer = signer(hospital);
        JwtClaims claims = signer.claims("Dr House", "unconscious patient admitted to the emergency department");
        claims.unsetClaim("sub");

        assertThatThrownBy(() -> trust.verify(signer.sign(claims)))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(400));
    }

    @Test
    void should_answer_bad_request_to_a_missing_empty_or_too_long_justification() {
        HcoAssertionSigner signer = signer(hospital);
        JwtClaims missing = signer.claims("Dr House", "x");
        missing.unsetClaim("justification");
        JwtClaims notText = signer.claims("Dr House", "x");
        notText.setClaim("justification", 42);

        for (String assertion : List.of(signer.sign(missing), signer.sign(notText), signer.sign("Dr House", ""),
                signer.sign("Dr House", "   "), signer.sign("Dr House", "j".repeat(HcoTrust.MAX_JUSTIFICATION_CHARS + 1)))) {
            assertThatThrownBy(() -> trust.verify(assertion))
                    .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(400));
        }
    }

    @Test
    void should_not_reveal_certificate_contents_in_refusals() {
        CertifiedKey expired = pki.hco("St Mary Hospital", pki.ecKeyPair(), ca,
                NOW.minus(Duration.ofDays(400)), NOW.minus(Duration.ofDays(35)));

        assertThatThrownBy(() -> trust.verify(signer(expired).sign("Dr House", "unconscious patient admitted to the emergency department")))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.getMessage())
                        .doesNotContain("St Mary", "Test CA", "CN=").isNotBlank());
    }
}
