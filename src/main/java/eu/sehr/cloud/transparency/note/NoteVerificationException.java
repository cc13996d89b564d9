package eu.sehr.cloud.transparency.note;

/**
 * A well-formed note that must not be trusted: no trusted key signed it, or a trusted key's signature on it
 * does not verify (which c2sp.org/signed-note says should reject the whole note).
 */
public final class NoteVerificationException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Why the note was refused. */
    public enum Reason {
        /** No signature line is from a trusted key (they are all unknown, or there are none). */
        NO_TRUSTED_SIGNATURE,
        /** A signature line names a trusted key (name and key ID) but its signature is wrong. */
        INVALID_SIGNATURE
    }

    private final Reason reason;

    public NoteVerificationException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
