package eu.sehr.cloud.transparency.note;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.Signature;
import java.util.HexFormat;
import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class Ed25519Test {

    @Test
    void should_sign_exactly_as_the_jdk_does() throws Exception {
        Random random = new Random(25519);
        for (int round = 0; round < 20; round++) {
            byte[] seed = new byte[Ed25519.KEY_SIZE];
            random.nextBytes(seed);
            byte[] message = new byte[random.nextInt(300)];
            random.nextBytes(message);
            KeyPair pair = Ed25519.keyPairFromSeed(seed);
            Signature jdk = Signature.getInstance("Ed25519");
            jdk.initSign(pair.getPrivate());
            jdk.update(message);

            byte[] signature = Ed25519.sign(pair.getPrivate(), message);

            assertThat(signature).isEqualTo(jdk.sign()).isEqualTo(Ed25519.signer(pair).apply(message));
            assertThat(Ed25519.verify(pair.getPublic(), message, signature)).isTrue();
        }
    }

    @Test
    void should_give_the_rfc_8032_test_vector_signature() {
        // RFC 8032, section 7.1, TEST 2 (one-byte message 0x72)
        HexFormat hex = HexFormat.of();
        KeyPair pair = Ed25519.keyPairFromSeed(hex.parseHex("4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb"));

        byte[] signature = Ed25519.sign(pair.getPrivate(), new byte[] {0x72});

        assertThat(hex.formatHex(signature)).isEqualTo("92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da"
                + "085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00");
        assertThat(Ed25519.verify(pair.getPublic(), "other".getBytes(StandardCharsets.US_ASCII), signature)).isFalse();
    }
}
