package eu.sehr.cloud.transparency.receipt;

import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HexFormat;

import eu.sehr.cloud.transparency.note.SignerKey;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ReceiptSignerTest {

    @Test
    void should_sign_a_compact_eddsa_jws_that_a_standard_library_verifies() throws Exception {
        SignerKey key = SignerKey.generate("sehr-cloud.example/log", new SecureRandom());
        byte[] leafHash = new byte[32];
        leafHash[0] = 7;
        String receipt = new ReceiptSigner(key, Duration.ofMillis(2500),
                Clock.fixed(Instant.parse("2026-11-24T10:15:30Z"), ZoneOffset.UTC)).receipt(leafHash);

        JsonWebSignature jws = new JsonWebSignature();
        jws.setCompactSerialization(receipt);
        jws.setKey(publicKey(key.publicKey()));
        assertThat(jws.verifySignature()).isTrue();
        assertThat(jws.getAlgorithmHeaderValue()).isEqualTo("EdDSA");
        assertThat(jws.getKeyIdHeaderValue()).isEqualTo(HexFormat.of().toHexDigits(key.verifierKey().keyId()));
        JwtClaims claims = JwtClaims.parse(jws.getPayload());
        assertThat(claims.getIssuedAt().getValue()).isEqualTo(Instant.parse("2026-11-24T10:15:30Z").getEpochSecond());
        assertThat(claims.getClaimValueAsString("leaf")).isEqualTo(Base64.getEncoder().encodeToString(leafHash));
        assertThat(claims.getClaimValue("mmd", Long.class)).isEqualTo(3L);
    }

    private static PublicKey publicKey(byte[] raw) throws Exception {
        byte[] prefix = HexFormat.of().parseHex("302a300506032b6570032100");
        byte[] encoded = new byte[prefix.length + raw.length];
        System.arraycopy(prefix, 0, encoded, 0, prefix.length);
        System.arraycopy(raw, 0, encoded, prefix.length, raw.length);
        return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(encoded));
    }
}
