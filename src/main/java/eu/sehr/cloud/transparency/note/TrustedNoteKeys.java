package eu.sehr.cloud.transparency.note;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The keys a party trusts for one kind of note, and the c2sp.org/signed-note verification rules: signature lines
 * whose name and key ID match no trusted key are ignored; every line that matches one is verified, and one that
 * fails rejects the whole note; a note with no verified signature is rejected.
 */
public final class TrustedNoteKeys {

    private final List<NoteVerifier> verifiers;

    /** @throws IllegalArgumentException if two keys share both name and key ID (signatures would be ambiguous) */
    public TrustedNoteKeys(Collection<? extends NoteVerifier> verifiers) {
        List<NoteVerifier> distinct = new ArrayList<>();
        for (NoteVerifier verifier : verifiers) {
            if (distinct.stream().anyMatch(known -> known.name().equals(verifier.name())
                    && known.keyId() == verifier.keyId())) {
                throw new IllegalArgumentException("two trusted keys are both " + verifier.name() + "+"
                        + VerifierKey.hex(verifier.keyId()));
            }
            distinct.add(verifier);
        }
        this.verifiers = List.copyOf(distinct);
    }

    /**
     * Verifies {@code note} against the trusted keys.
     *
     * @throws NoteVerificationException if no trusted key signed it, or a trusted key's signature is invalid
     */
    public VerifiedNote verify(SignedNote note) {
        byte[] text = note.text().getBytes(StandardCharsets.UTF_8);
        List<NoteSignature> verified = new ArrayList<>();
        List<NoteSignature> unknown = new ArrayList<>();
        for (NoteSignature signature : note.signatures()) {
            Optional<NoteVerifier> verifier = verifiers.stream().filter(signature::isBy).findFirst();
            if (verifier.isEmpty()) {
                unknown.add(signature);
            } else if (!verifier.get().verify(text, signature.signature())) {
                throw new NoteVerificationException(NoteVerificationException.Reason.INVALID_SIGNATURE,
                        "invalid signature by trusted key " + signature.name() + "+" + VerifierKey.hex(signature.keyId()));
            } else if (!verified.contains(signature)) {
                verified.add(signature);
            }
        }
        if (verified.isEmpty()) {
            throw new NoteVerificationException(NoteVerificationException.Reason.NO_TRUSTED_SIGNATURE,
                    "the note is signed by no trusted key");
        }
        return new VerifiedNote(note.text(), verified, unknown);
    }
}
