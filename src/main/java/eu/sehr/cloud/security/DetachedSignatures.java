package eu.sehr.cloud.security;

import java.nio.charset.StandardCharsets;

import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.lang.JoseException;

/**
 * Signs payloads with the service's token key as compact JWS with detached payload (RFC 7515 appendix F): {@code
 * header..signature}, ES256, the key's {@code kid} in the header (served at {@code /.well-known/jwks.json}). A
 * receiver puts the exact bytes it received back between the dots, base64url encoded, and verifies.
 */
public final class DetachedSignatures {

    private final SigningKey key;

    public DetachedSignatures(SigningKey key) {
        this.key = key;
    }

    /** The detached JWS over the UTF-8 bytes of {@code payload}. */
    public String sign(String payload) {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayloadBytes(payload.getBytes(StandardCharsets.UTF_8));
        jws.setKey(key.jwk().getPrivateKey());
        jws.setKeyIdHeaderValue(key.keyId());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256);
        try {
            return jws.getDetachedContentCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException("cannot sign a notification", e);
        }
    }
}
