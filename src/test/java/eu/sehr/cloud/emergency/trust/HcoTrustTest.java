package eu.sehr.cloud.emergency.trust;

import eu.sehr.cloud.security.PemFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import eu.sehr.cloud.infra.ConfigurationException;
import eu.sehr.cloud.infra.http.ApiException;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.keys.HmacKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HcoTrustTest {

    private static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");
    private static final String REQUIRED_POLICY = "1.3.6.1.4.1.99999.1.1";

    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final DevCertificates pki = new DevCertificates(clock);
    private final CertifiedKey ca = pki.certificateAuthority("Test CA");
    private final CertifiedKey hospital = pki.hco("St Mary Hospital", ca);
    private final HcoTrust trust = new HcoTrust(TrustAnchors.of(List.of(ca.certificate())), clock);

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
    void should_keep_the_justification_of_a_trusted_assertion() {
        String longest = "j".repeat(HcoTrust.MAX_JUSTIFICATION_CHARS);

        assertThat(trust.verify(signer(hospital).sign("Dr House", "suspected sepsis, patient unconscious")).justification())
                .isEqualTo("suspected sepsis, patient unconscious");
        assertThat(trust.verify(signer(hospital).sign("Dr House", longest)).justification()).isEqualTo(longest);
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

    @Test
    void should_refuse_a_certificate_without_the_required_extended_key_usage() {
        CertifiedKey serverOnly = leaf(List.of("1.3.6.1.5.5.7.3.1"), List.of());
        CertifiedKey withoutEku = leaf(List.of(), List.of());

        assertForbidden(() -> trust.verify(signer(serverOnly).sign("Dr House", "unconscious patient admitted to the emergency department")));
        assertForbidden(() -> trust.verify(signer(withoutEku).sign("Dr House", "unconscious patient admitted to the emergency department")));
    }

    @Test
    void should_accept_any_extended_key_usage_and_no_check_when_none_is_required() {
        CertifiedKey anyUsage = leaf(List.of(HcoCertificateProfile.ANY_EXTENDED_KEY_USAGE), List.of());
        CertifiedKey withoutEku = leaf(List.of(), List.of());
        HcoTrust noEkuRequired = new HcoTrust(TrustAnchors.of(List.of(ca.certificate())),
                HcoCertificateProfile.of(Optional.empty(), Optional.empty()), clock);

        assertThat(trust.verify(signer(anyUsage).sign("Dr House", "unconscious patient admitted to the emergency department")).hcpName()).isEqualTo("Dr House");
        assertThat(noEkuRequired.verify(signer(withoutEku).sign("Dr House", "unconscious patient admitted to the emergency department")).hcpName()).isEqualTo("Dr House");
    }

    @Test
    void should_refuse_a_certificate_without_a_required_policy() {
        HcoTrust policyRequired = withProfile(HcoCertificateProfile.CLIENT_AUTH, REQUIRED_POLICY + ", 1.3.6.1.4.1.99999.1.2");

        assertForbidden(() -> policyRequired.verify(signer(hospital).sign("Dr House", "unconscious patient admitted to the emergency department")));
        assertForbidden(() -> policyRequired.verify(signer(leaf(List.of(HcoCertificateProfile.CLIENT_AUTH),
                List.of("1.3.6.1.4.1.99999.7"))).sign("Dr House", "unconscious patient admitted to the emergency department")));
    }

    @Test
    void should_refuse_a_certificate_with_the_policy_but_the_wrong_extended_key_usage() {
        HcoTrust policyRequired = withProfile(HcoCertificateProfile.CLIENT_AUTH, REQUIRED_POLICY);

        assertForbidden(() -> policyRequired.verify(signer(leaf(List.of("1.3.6.1.5.5.7.3.1"), List.of(REQUIRED_POLICY)))
                .sign("Dr House", "unconscious patient admitted to the emergency department")));
    }

    @Test
    void should_accept_a_certificate_with_the_required_extended_key_usage_and_policy() {
        HcoTrust policyRequired = withProfile(HcoCertificateProfile.CLIENT_AUTH, REQUIRED_POLICY);
        CertifiedKey compliant = leaf(List.of(HcoCertificateProfile.CLIENT_AUTH), List.of(REQUIRED_POLICY));

        assertThat(policyRequired.verify(signer(compliant).sign("Dr House", "unconscious patient admitted to the emergency department")).hcpName()).isEqualTo("Dr House");
    }

    @Test
    void should_fail_configuration_on_a_setting_that_is_not_an_object_identifier() {
        assertThatThrownBy(() -> HcoCertificateProfile.of(Optional.of("clientAuth"), Optional.empty()))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("sehr.hco.required-eku");
        assertThatThrownBy(() -> HcoCertificateProfile.of(Optional.empty(), Optional.of("1.2.3, not-an-oid")))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("sehr.hco.certificate-policies");
        assertThat(HcoCertificateProfile.of(Optional.of(" 1.3.6.1.5.5.7.3.2 "), Optional.of(" 1.2.3 ,, 1.2.4 ")))
                .isEqualTo(new HcoCertificateProfile("1.3.6.1.5.5.7.3.2", Set.of("1.2.3", "1.2.4")));
    }

    @Test
    void should_read_back_the_private_key_it_wrote(@TempDir Path folder) throws Exception {
        Path keyFile = folder.resolve("hco-key.pem");
        PemFiles.writePrivateKey(keyFile, hospital.privateKey());

        HcoAssertionSigner reloaded = new HcoAssertionSigner(PemFiles.readPrivateKey(keyFile),
                PemFiles.readCertificates(writeChain(folder)), clock);

        assertThat(trust.verify(reloaded.sign("Dr House", "unconscious patient admitted to the emergency department")).hcoId()).isEqualTo(HcoTrust.hcoId(hospital.certificate()));
    }

    private Path writeChain(Path folder) throws Exception {
        Path chain = folder.resolve("hco.pem");
        PemFiles.writeCertificates(chain, List.of(hospital.certificate(), ca.certificate()));
        return chain;
    }

    private CertifiedKey leaf(List<String> extendedKeyUsages, List<String> policies) {
        return pki.endEntity(DevCertificates.hcoSubject("St Mary Hospital"), pki.ecKeyPair(), ca,
                NOW.minusSeconds(60), NOW.plus(Duration.ofDays(30)), extendedKeyUsages, policies);
    }

    private HcoTrust withProfile(String requiredEku, String requiredPolicies) {
        return new HcoTrust(TrustAnchors.of(List.of(ca.certificate())),
                HcoCertificateProfile.of(Optional.of(requiredEku), Optional.of(requiredPolicies)), clock);
    }

    private HcoAssertionSigner signer(CertifiedKey hco) {
        return HcoAssertionSigner.of(hco, List.of(ca.certificate()), clock);
    }

    private JsonWebSignature jwsWithChain(JwtClaims claims) {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setCertificateChainHeaderValue(new X509Certificate[]{hospital.certificate(), ca.certificate()});
        return jws;
    }

    private static String jti(JwtClaims claims) {
        try {
            return claims.getJwtId();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static String header(String jws) {
        return new String(Base64.getUrlDecoder().decode(jws.substring(0, jws.indexOf('.'))), StandardCharsets.UTF_8);
    }

    private static String sha256Hex(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    private static void assertForbidden(ThrowingCallable call) {
        assertThatThrownBy(call)
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(403));
    }
}
