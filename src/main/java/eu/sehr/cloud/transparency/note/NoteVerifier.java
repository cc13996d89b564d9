package eu.sehr.cloud.transparency.note;

/**
 * One trusted key, able to check its own signature lines. A signature line is matched to a verifier by key name
 * and key ID together; the verifier then decides what exactly was signed (the note text itself for Ed25519, a
 * cosignature message built from it for cosignature/v1).
 */
public interface NoteVerifier {

    String name();

    int keyId();

    /** Whether {@code signature} (the bytes after the 4-byte key ID) is valid for the note text. */
    boolean verify(byte[] noteText, byte[] signature);
}
