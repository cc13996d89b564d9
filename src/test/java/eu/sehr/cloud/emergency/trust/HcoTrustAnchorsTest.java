package eu.sehr.cloud.emergency.trust;

import eu.sehr.cloud.security.PemFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509CRL;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import eu.sehr.cloud.infra.ConfigurationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The trust anchors and revocation lists HcoTrust is configured with: none, a folder, a PEM file, a CRL. */
class HcoTrustAnchorsTest extends HcoTrustFixture {

    @Test
    void should_refuse_everything_when_no_trust_anchor_is_configured() {
        String assertion = signer(hospital).sign("Dr House", "unconscious patient admitted to the emergency department");

        assertForbidden(() -> new HcoTrust(TrustAnchors.none(), clock).verify(assertion));
        assertForbidden(() -> HcoTrust.fromPath(Optional.empty(), Optional.empty(), clock).verify(assertion));
        assertForbidden(() -> HcoTrust.fromPath(Optional.of(Path.of("")), Optional.empty(), clock).verify(assertion));
    }

    @Test
    void should_refuse_everything_when_the_anchor_folder_is_empty(@TempDir Path folder) {
        String assertion = signer(hospital).sign("Dr House", "unconscious patient admitted to the emergency department");

        assertForbidden(() -> HcoTrust.fromPath(Optional.of(folder), Optional.empty(), clock).verify(assertion));
    }

    @Test
    void should_load_trust_anchors_from_a_folder(@TempDir Path folder) throws Exception {
        CertifiedKey secondCa = pki.certificateAuthority("Second CA");
        CertifiedKey clinic = pki.hco("Second Clinic", secondCa);
        PemFiles.writeCertificates(folder.resolve("first.pem"), List.of(ca.certificate()));
        Files.write(folder.resolve("second.crt"), secondCa.certificate().getEncoded());
        Files.writeString(folder.resolve("README.txt"), "not a certificate", StandardCharsets.UTF_8);

        HcoTrust loaded = HcoTrust.fromPath(Optional.of(folder), Optional.empty(), clock);

        assertThat(loaded.verify(signer(hospital).sign("Dr House", "unconscious patient admitted to the emergency department")).hcoName()).isEqualTo("St Mary Hospital");
        assertThat(loaded.verify(HcoAssertionSigner.of(clinic, List.of(secondCa.certificate()), clock)
                .sign("Dr Cuddy", "unconscious patient admitted to the emergency department")).hcoName()).isEqualTo("Second Clinic");
    }

    @Test
    void should_load_several_trust_anchors_from_one_pem_file(@TempDir Path folder) throws Exception {
        CertifiedKey secondCa = pki.certificateAuthority("Second CA");
        Path file = folder.resolve("anchors.pem");
        PemFiles.writeCertificates(file, List.of(secondCa.certificate(), ca.certificate()));

        TrustAnchors anchors = TrustAnchors.load(Optional.of(file), Optional.empty());

        assertThat(anchors.certificates()).containsExactly(secondCa.certificate(), ca.certificate());
        assertThat(new HcoTrust(anchors, clock).verify(signer(hospital).sign("Dr House", "unconscious patient admitted to the emergency department")).hcpName())
                .isEqualTo("Dr House");
    }

    @Test
    void should_fail_configuration_on_a_missing_or_unreadable_anchor_file(@TempDir Path folder) throws Exception {
        Path garbled = folder.resolve("garbled.pem");
        Files.writeString(garbled, "-----BEGIN CERTIFICATE-----\nnot base64!\n-----END CERTIFICATE-----\n");

        assertThatThrownBy(() -> HcoTrust.fromPath(Optional.of(folder.resolve("absent.pem")), Optional.empty(), clock))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("sehr.hco.trust-anchors");
        assertThatThrownBy(() -> HcoTrust.fromPath(Optional.of(garbled), Optional.empty(), clock))
                .isInstanceOf(ConfigurationException.class);
    }

    @Test
    void should_refuse_a_revoked_certificate_when_revocation_lists_are_configured(@TempDir Path folder)
            throws Exception {
        CertifiedKey revoked = pki.hco("Revoked Hospital", ca);
        X509CRL crl = pki.revocationList(ca, NOW.minus(Duration.ofHours(1)), NOW.plus(Duration.ofDays(7)),
                List.of(revoked.certificate()));
        Path anchors = folder.resolve("ca.pem");
        Path crlFile = folder.resolve("ca.crl");
        PemFiles.writeCertificates(anchors, List.of(ca.certificate()));
        Files.write(crlFile, crl.getEncoded());

        HcoTrust checking = HcoTrust.fromPath(Optional.of(anchors), Optional.of(crlFile), clock);

        assertThat(checking.verify(signer(hospital).sign("Dr House", "unconscious patient admitted to the emergency department")).hcoName()).isEqualTo("St Mary Hospital");
        assertForbidden(() -> checking.verify(signer(revoked).sign("Dr House", "unconscious patient admitted to the emergency department")));
        assertThat(trust.verify(signer(revoked).sign("Dr House", "unconscious patient admitted to the emergency department")).hcoName()).isEqualTo("Revoked Hospital");
    }
}
