package eu.sehr.cloud.emergency.trust;

import eu.sehr.cloud.security.PemFiles;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;

import org.jose4j.jwt.JwtClaims;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** HcoTrust accepts an assertion whose chain leads to an anchor, and what it reads from it. */
class HcoAssertionAcceptedTest extends HcoTrustFixture {

    @Test
    void should_accept_an_assertion_whose_chain_leads_to_a_trust_anchor() {
        HcoAssertionSigner signer = signer(hospital);
        JwtClaims claims = signer.claims("Dr House", "unconscious patient admitted to the emergency department");

        HcoAssertion verified = trust.verify(signer.sign(claims));

        assertThat(verified.hcoId()).matches("[0-9a-f]{10}").isEqualTo(HcoTrust.hcoId(hospital.certificate()));
        assertThat(verified.hcoName()).isEqualTo("St Mary Hospital");
        assertThat(verified.hcpName()).isEqualTo("Dr House");
        assertThat(verified.jti()).isEqualTo(jti(claims)).isNotBlank();
        assertThat(verified.expiresAt()).isEqualTo(NOW.plusSeconds(300));
        assertThat(verified.certificateSha256()).matches("[0-9a-f]{64}");
    }

    @Test
    void should_derive_the_same_hco_id_from_the_same_key() throws Exception {
        KeyPair keys = pki.ecKeyPair();
        CertifiedKey first = pki.hco("St Mary Hospital", keys, ca, NOW.minusSeconds(60), NOW.plus(Duration.ofDays(30)));
        CertifiedKey renewed = pki.hco("St Mary Hospital", keys, ca, NOW.minusSeconds(60), NOW.plus(Duration.ofDays(365)));

        HcoAssertion one = trust.verify(signer(first).sign("Dr House", "unconscious patient admitted to the emergency department"));
        HcoAssertion again = trust.verify(signer(first).sign("Dr Wilson", "unconscious patient admitted to the emergency department"));
        HcoAssertion afterRenewal = trust.verify(signer(renewed).sign("Dr House", "unconscious patient admitted to the emergency department"));
        HcoAssertion otherHco = trust.verify(signer(hospital).sign("Dr House", "unconscious patient admitted to the emergency department"));

        assertThat(again.hcoId()).isEqualTo(one.hcoId());
        assertThat(afterRenewal.hcoId()).isEqualTo(one.hcoId());
        assertThat(afterRenewal.certificateSha256()).isNotEqualTo(one.certificateSha256());
        assertThat(otherHco.hcoId()).isNotEqualTo(one.hcoId());
        assertThat(one.hcoId()).isEqualTo(sha256Hex(first.certificate().getPublicKey().getEncoded()).substring(0, 10));
    }

    @Test
    void should_accept_an_rs256_assertion() {
        CertifiedKey rsaHospital = pki.hco("RSA Clinic", pki.rsaKeyPair(), ca,
                NOW.minusSeconds(60), NOW.plus(Duration.ofDays(365)));
        String assertion = signer(rsaHospital).sign("Dr House", "unconscious patient admitted to the emergency department");

        assertThat(header(assertion)).contains("\"alg\":\"RS256\"");
        assertThat(trust.verify(assertion).hcoName()).isEqualTo("RSA Clinic");
    }

    @Test
    void should_accept_a_chain_that_leaves_out_the_anchor() {
        String assertion = new HcoAssertionSigner(hospital.privateKey(), List.of(hospital.certificate()), clock)
                .sign("Dr House", "unconscious patient admitted to the emergency department");

        assertThat(trust.verify(assertion).hcpName()).isEqualTo("Dr House");
    }

    @Test
    void should_tolerate_thirty_seconds_of_clock_skew() {
        HcoAssertionSigner justExpired = HcoAssertionSigner.of(hospital, List.of(ca.certificate()),
                Clock.fixed(NOW.minusSeconds(300 + 20), ZoneOffset.UTC));
        HcoAssertionSigner aheadOfUs = HcoAssertionSigner.of(hospital, List.of(ca.certificate()),
                Clock.fixed(NOW.plusSeconds(20), ZoneOffset.UTC));
        HcoAssertionSigner farAhead = HcoAssertionSigner.of(hospital, List.of(ca.certificate()),
                Clock.fixed(NOW.plusSeconds(60), ZoneOffset.UTC));

        assertThat(trust.verify(justExpired.sign("Dr House", "unconscious patient admitted to the emergency department")).hcpName()).isEqualTo("Dr House");
        assertThat(trust.verify(aheadOfUs.sign("Dr House", "unconscious patient admitted to the emergency department")).hcpName()).isEqualTo("Dr House");
        assertForbidden(() -> trust.verify(farAhead.sign("Dr House", "unconscious patient admitted to the emergency department")));
    }

    @Test
    void should_keep_the_justification_of_a_trusted_assertion() {
        String longest = "j".repeat(HcoTrust.MAX_JUSTIFICATION_CHARS);

        assertThat(trust.verify(signer(hospital).sign("Dr House", "suspected sepsis, patient unconscious")).justification())
                .isEqualTo("suspected sepsis, patient unconscious");
        assertThat(trust.verify(signer(hospital).sign("Dr House", longest)).justification()).isEqualTo(longest);
    }

    @Test
    void should_read_back_the_private_key_it_wrote(@TempDir Path folder) throws Exception {
        Path keyFile = folder.resolve("hco-key.pem");
        PemFiles.writePrivateKey(keyFile, hospital.privateKey());

        HcoAssertionSigner reloaded = new HcoAssertionSigner(PemFiles.readPrivateKey(keyFile),
                PemFiles.readCertificates(writeChain(folder)), clock);

        assertThat(trust.verify(reloaded.sign("Dr House", "unconscious patient admitted to the emergency department")).hcoId()).isEqualTo(HcoTrust.hcoId(hospital.certificate()));
    }
}
