package eu.sehr.cloud.transparency.note;

import java.nio.ByteBuffer;
import java.security.PublicKey;
import java.util.Arrays;

/** Checks a witness's cosignature/v1 cosignatures (signature type 0x04) on a checkpoint. */
public final class CosignatureV1Verifier implements NoteVerifier {

    private final String name;
    private final int keyId;
    private final PublicKey publicKey;

    public CosignatureV1Verifier(VerifierKey key) {
        if (key.type() != VerifierKey.COSIGNATURE_V1) {
            throw new IllegalArgumentException("not a cosignature/v1 key: " + key);
        }
        this.name = key.name();
        this.keyId = key.keyId();
        this.publicKey = Ed25519.publicKey(key.publicKey());
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int keyId() {
        return keyId;
    }

    @Override
    public boolean verify(byte[] checkpointText, byte[] signature) {
        if (signature.length != CosignatureV1.SIGNATURE_SIZE) {
            return false;
        }
        long timestamp = ByteBuffer.wrap(signature).getLong();
        if (timestamp < 0) {
            return false;
        }
        byte[] ed25519 = Arrays.copyOfRange(signature, Long.BYTES, signature.length);
        return Ed25519.verify(publicKey, CosignatureV1.signedMessage(timestamp, checkpointText), ed25519);
    }
}
