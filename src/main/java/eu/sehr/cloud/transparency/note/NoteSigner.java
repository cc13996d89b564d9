package eu.sehr.cloud.transparency.note;

/** One private key, producing the bytes of its signature lines (after the key ID) for a note text. */
public interface NoteSigner {

    String name();

    int keyId();

    byte[] sign(byte[] noteText);
}
