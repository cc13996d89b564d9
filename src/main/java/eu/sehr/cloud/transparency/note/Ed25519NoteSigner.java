package eu.sehr.cloud.transparency.note;

import java.security.KeyPair;
import java.util.function.UnaryOperator;

/** Signs the note text itself with Ed25519 (signature type 0x01): how a log signs its checkpoints. */
public final class Ed25519NoteSigner implements NoteSigner {

    private final String name;
    private final int keyId;
    private final UnaryOperator<byte[]> signer;

    Ed25519NoteSigner(String name, KeyPair keyPair) {
        this.name = KeyNames.requireValid(name);
        this.keyId = VerifierKey.keyId(name, VerifierKey.ED25519, Ed25519.rawPublicKey(keyPair.getPublic()));
        this.signer = Ed25519.signer(keyPair);
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
    public byte[] sign(byte[] noteText) {
        return signer.apply(noteText);
    }
}
