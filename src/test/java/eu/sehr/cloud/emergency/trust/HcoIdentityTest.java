package eu.sehr.cloud.emergency.trust;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import javax.security.auth.x500.X500Principal;

import eu.sehr.cloud.infra.Hashes;
import eu.sehr.cloud.infra.http.ApiException;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.jose4j.jwt.JwtClaims;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** An HCO's name is its certificate's organisation (or CN without one), and its identity its certificate's key. */
class HcoIdentityTest {

    private static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");

    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final DevCertificates pki = new DevCertificates(clock);
    private final CertifiedKey ca = pki.certificateAuthority("Test CA");
    private final CertifiedKey hospital = pki.hco("St Mary Hospital", ca);
    private final HcoTrust trust = new HcoTrust(TrustAnchors.of(List.of(ca.certificate())), clock);

    @Test
    void should_identify_the_hco_by_the_full_sha256_of_its_key() {
        HcoAssertion verified = trust.verify(signer(hospital).sign("Dr House", "unconscious patient admitted to the emergency department"));

        assertThat(verified.hcoKey()).isEqualTo(Hashes.sha256Hex(hospital.certificate().getPublicKey().getEncoded()))
                .hasSize(64).startsWith(verified.hcoId());
        assertThat(verified.hcoName()).isEqualTo("St Mary Hospital");
    }

    @Test
    void should_refuse_an_assertion_whose_iss_is_not_the_organisation_of_its_certificate() {
        HcoAssertionSigner signer = signer(hospital);
        JwtClaims claims = signer.claims("Dr House", "unconscious patient admitted to the emergency department");
        claims.setIssuer("General Hospital");

        assertForbidden(() -> trust.verify(signer.sign(claims)));
    }

    @Test
    void should_name_the_hco_after_the_organisation_rather_than_the_common_name() {
        CertifiedKey ward = leaf(new X500Principal("CN=Emergency Ward, O=St Mary Hospital Trust"));
        HcoAssertionSigner signer = signer(ward);
        JwtClaims byCommonName = signer.claims("Dr House", "unconscious patient admitted to the emergency department");
        byCommonName.setIssuer("Emergency Ward");

        assertThat(trust.verify(signer.sign("Dr House", "unconscious patient admitted to the emergency department")).hcoName()).isEqualTo("St Mary Hospital Trust");
        assertForbidden(() -> trust.verify(signer.sign(byCommonName)));
    }

    @Test
    void should_name_the_hco_after_the_common_name_when_the_certificate_has_no_organisation() {
        CertifiedKey clinic = leaf(new X500Principal("CN=Village Clinic, C=IT"));

        assertThat(HcoIdentity.name(clinic.certificate())).contains("Village Clinic");
        assertThat(trust.verify(signer(clinic).sign("Dr House", "unconscious patient admitted to the emergency department")).hcoName()).isEqualTo("Village Clinic");
    }

    @Test
    void should_refuse_a_certificate_whose_organisation_is_in_doubt() {
        CertifiedKey twoNames = leaf(new X500Principal("CN=Clinic, O=St Mary Hospital, O=General Hospital"));
        CertifiedKey noName = leaf(new X500Principal("C=IT"));
        JwtClaims claims = signer(hospital).claims("Dr House", "unconscious patient admitted to the emergency department");

        assertThat(HcoIdentity.name(twoNames.certificate())).isEmpty();
        assertThat(HcoIdentity.name(noName.certificate())).isEmpty();
        assertForbidden(() -> trust.verify(signer(twoNames).sign(claims)));
        assertForbidden(() -> trust.verify(signer(noName).sign(claims)));
    }

    @Test
    void should_sign_dev_assertions_in_the_name_of_the_certificates_organisation() throws Exception {
        assertThat(signer(leaf(new X500Principal("CN=Emergency Ward, O=St Mary Hospital Trust"))).claims("Dr House", "unconscious patient admitted to the emergency department")
                .getIssuer()).isEqualTo("St Mary Hospital Trust");
        assertThat(HcoIdentity.name(hospital.certificate())).contains("St Mary Hospital");
    }

    private CertifiedKey leaf(X500Principal subject) {
        return pki.endEntity(subject, pki.ecKeyPair(), ca, NOW.minusSeconds(60), NOW.plus(Duration.ofDays(30)),
                List.of(HcoCertificateProfile.CLIENT_AUTH), List.of());
    }

    private HcoAssertionSigner signer(CertifiedKey hco) {
        return HcoAssertionSigner.of(hco, List.of(ca.certificate()), clock);
    }

    private static void assertForbidden(ThrowingCallable call) {
        assertThatThrownBy(call)
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(403));
    }
}
