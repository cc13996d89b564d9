package eu.sehr.cloud.transparency.note;

import java.util.List;

/**
 * A note whose text may now be used: {@code verified} are the signatures of trusted keys that checked out (at
 * least one), {@code unknown} the signature lines of keys not trusted here, which were ignored.
 */
public record VerifiedNote(String text, List<NoteSignature> verified, List<NoteSignature> unknown) {

    public VerifiedNote {
        if (verified.isEmpty()) {
            throw new IllegalArgumentException("a verified note has at least one verified signature");
        }
        verified = List.copyOf(verified);
        unknown = List.copyOf(unknown);
    }

    /** Whether a verified signature is by a key of this name (e.g. to count distinct witnesses). */
    public boolean isSignedBy(String keyName) {
        return verified.stream().anyMatch(signature -> signature.name().equals(keyName));
    }
}
