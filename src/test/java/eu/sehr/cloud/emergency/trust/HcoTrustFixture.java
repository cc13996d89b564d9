package eu.sehr.cloud.emergency.trust;

import eu.sehr.cloud.security.PemFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import eu.sehr.cloud.infra.http.ApiException;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The shared set-up of the HcoTrust tests: a test CA, a hospital certified by it, a trust that anchors that CA, at a
 * fixed time.
 */
abstract class HcoTrustFixture {

    static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");
    static final String REQUIRED_POLICY = "1.3.6.1.4.1.99999.1.1";
    final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    final DevCertificates pki = new DevCertificates(clock);
    final CertifiedKey ca = pki.certificateAuthority("Test CA");
    final CertifiedKey hospital = pki.hco("St Mary Hospital", ca);
    final HcoTrust trust = new HcoTrust(TrustAnchors.of(List.of(ca.certificate())), clock);

    Path writeChain(Path folder) throws Exception {
        Path chain = folder.resolve("hco.pem");
        PemFiles.writeCertificates(chain, List.of(hospital.certificate(), ca.certificate()));
        return chain;
    }

    CertifiedKey leaf(List<String> extendedKeyUsages, List<String> policies) {
        return pki.endEntity(DevCertificates.hcoSubject("St Mary Hospital"), pki.ecKeyPair(), ca,
                NOW.minusSeconds(60), NOW.plus(Duration.ofDays(30)), extendedKeyUsages, policies);
    }

    HcoTrust withProfile(String requiredEku, String requiredPolicies) {
        return new HcoTrust(TrustAnchors.of(List.of(ca.certificate())),
                HcoCertificateProfile.of(Optional.of(requiredEku), Optional.of(requiredPolicies)), clock);
    }

    HcoAssertionSigner signer(CertifiedKey hco) {
        return HcoAssertionSigner.of(hco, List.of(ca.certificate()), clock);
    }

    JsonWebSignature jwsWithChain(JwtClaims claims) {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setCertificateChainHeaderValue(new X509Certificate[]{hospital.certificate(), ca.certificate()});
        return jws;
    }

    static String jti(JwtClaims claims) {
        try {
            return claims.getJwtId();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    static String header(String jws) {
        return new String(Base64.getUrlDecoder().decode(jws.substring(0, jws.indexOf('.'))), StandardCharsets.UTF_8);
    }

    static String sha256Hex(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    static void assertForbidden(ThrowingCallable call) {
        assertThatThrownBy(call)
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(403));
    }
}
