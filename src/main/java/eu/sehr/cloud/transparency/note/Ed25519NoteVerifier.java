package eu.sehr.cloud.transparency.note;

import java.security.PublicKey;

/** Checks Ed25519 signatures over the note text itself (signature type 0x01), such as a log's checkpoint signature. */
public final class Ed25519NoteVerifier implements NoteVerifier {

    private final String name;
    private final int keyId;
    private final PublicKey publicKey;

    public Ed25519NoteVerifier(VerifierKey key) {
        if (key.type() != VerifierKey.ED25519) {
            throw new IllegalArgumentException("not an Ed25519 note key: " + key);
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
    public boolean verify(byte[] noteText, byte[] signature) {
        return Ed25519.verify(publicKey, noteText, signature);
    }
}
