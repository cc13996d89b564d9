package eu.sehr.cloud.security;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jws.JsonWebSignature;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DetachedSignaturesTest {

    private final SigningKey key = SigningKey.generated();
    private final DetachedSignatures signatures = new DetachedSignatures(key);

    @Test
    void should_sign_with_a_detached_payload_that_verifies_once_put_back_with_the_jwks_key() throws Exception {
        String body = "{\"id\":\"1\",\"type\":\"EmergencyAccessGranted\",\"hcp\":\"Dr Müller\"}";

        String signature = signatures.sign(body);

        String[] parts = signature.split("\\.", -1);
        assertThat(parts).hasSize(3);
        assertThat(parts[1]).isEmpty();
        assertThat(verifies(signature, body.getBytes(StandardCharsets.UTF_8))).isTrue();
        assertThat(verifies(signature, "{\"id\":\"2\"}".getBytes(StandardCharsets.UTF_8))).isFalse();
    }

    private boolean verifies(String detached, byte[] payload) throws Exception {
        String[] parts = detached.split("\\.", -1);
        JsonWebSignature jws = new JsonWebSignature();
        jws.setCompactSerialization(parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(payload)
                + "." + parts[2]);
        String kid = jws.getKeyIdHeaderValue();
        assertThat(kid).isEqualTo(key.keyId());
        jws.setKey(new JsonWebKeySet(key.publicJwks()).findJsonWebKey(kid, null, null, null).getKey());
        return jws.verifySignature();
    }
}
