package eu.sehr.cloud.transparency.note;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The c2sp.org/tlog-cosignature cosignature/v1 format, shared by its signer and verifier: the signed message is
 * {@code "cosignature/v1\ntime <seconds>\n"} followed by the whole checkpoint text, and the signature bytes are
 * the 8-byte big-endian timestamp followed by the 64-byte Ed25519 signature.
 */
public final class CosignatureV1 {

    /** Length of a cosignature/v1 signature (after the key ID): timestamp and Ed25519 signature. */
    public static final int SIGNATURE_SIZE = Long.BYTES + Ed25519.SIGNATURE_SIZE;

    private CosignatureV1() {
    }

    /** The exact bytes the witness signs for a checkpoint text at {@code timestamp} (POSIX seconds). */
    public static byte[] signedMessage(long timestamp, byte[] checkpointText) {
        if (timestamp < 0) {
            throw new IllegalArgumentException("a cosignature timestamp is between 0 and 2^63-1");
        }
        byte[] header = ("cosignature/v1\ntime " + timestamp + "\n").getBytes(StandardCharsets.US_ASCII);
        return ByteBuffer.allocate(header.length + checkpointText.length).put(header).put(checkpointText).array();
    }

    /** The timestamp a cosignature/v1 signature (after the key ID) carries. */
    public static long timestampOf(byte[] signature) {
        if (signature.length != SIGNATURE_SIZE) {
            throw new NoteFormatException("a cosignature/v1 signature is " + SIGNATURE_SIZE + " bytes");
        }
        return ByteBuffer.wrap(signature).getLong();
    }
}
