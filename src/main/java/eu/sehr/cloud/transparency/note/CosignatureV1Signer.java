package eu.sehr.cloud.transparency.note;

import java.nio.ByteBuffer;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.time.Clock;

/**
 * A witness's cosigner (signature type 0x04, cosignature/v1): states, with the time from its clock, that the
 * checkpoint it signs is the largest consistent one it has seen for that log.
 */
public final class CosignatureV1Signer implements NoteSigner {

    private final String name;
    private final int keyId;
    private final PrivateKey privateKey;
    private final Clock clock;

    CosignatureV1Signer(String name, KeyPair keyPair, Clock clock) {
        this.name = KeyNames.requireValid(name);
        this.keyId = VerifierKey.keyId(name, VerifierKey.COSIGNATURE_V1, Ed25519.rawPublicKey(keyPair.getPublic()));
        this.privateKey = keyPair.getPrivate();
        this.clock = clock;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int keyId() {
        return keyId;
    }

    /** Signs {@code checkpointText}; the timestamp is never zero (c2sp.org/tlog-witness forbids omitting it). */
    @Override
    public byte[] sign(byte[] checkpointText) {
        long timestamp = clock.instant().getEpochSecond();
        if (timestamp <= 0) {
            throw new IllegalStateException("the clock is before 1970: " + clock.instant());
        }
        byte[] signature = Ed25519.sign(privateKey, CosignatureV1.signedMessage(timestamp, checkpointText));
        return ByteBuffer.allocate(CosignatureV1.SIGNATURE_SIZE).putLong(timestamp).put(signature).array();
    }
}
