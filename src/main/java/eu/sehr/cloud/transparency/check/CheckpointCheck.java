package eu.sehr.cloud.transparency.check;

import java.security.MessageDigest;
import java.util.List;
import java.util.Optional;

import eu.sehr.cloud.transparency.merkle.ProofVerifier;
import eu.sehr.cloud.transparency.note.Checkpoint;
import eu.sehr.cloud.transparency.note.NoteFormatException;
import eu.sehr.cloud.transparency.note.NoteVerificationException;
import eu.sehr.cloud.transparency.note.NoteVerifier;
import eu.sehr.cloud.transparency.note.SignedNote;
import eu.sehr.cloud.transparency.note.TrustedNoteKeys;
import eu.sehr.cloud.transparency.note.VerifiedNote;

/**
 * Decides whether a checkpoint the log serves may replace the one a verifier trusts: signed by the log's key, of the
 * expected origin, cosigned by enough of the verifier's witnesses, and proven consistent with the trusted checkpoint
 * (never smaller, never another root at the same size).
 */
public final class CheckpointCheck {

    private final String origin;
    private final TrustedNoteKeys logKeys;
    private final List<NoteVerifier> witnesses;
    private final int minWitnesses;

    public CheckpointCheck(String origin, NoteVerifier logKey, List<NoteVerifier> witnesses, int minWitnesses) {
        this.origin = origin;
        this.logKeys = new TrustedNoteKeys(List.of(logKey));
        this.witnesses = List.copyOf(witnesses);
        this.minWitnesses = minWitnesses;
    }

    /** A proof source: the consistency proof between two sizes, as the log serves it. */
    @FunctionalInterface
    public interface ConsistencyProofs {
        List<byte[]> between(long from, long to) throws CheckFailure;
    }

    /** The checkpoint of {@code served} once every check passed. */
    public Checkpoint accept(String served, Optional<Checkpoint> trusted, ConsistencyProofs proofs) throws CheckFailure {
        SignedNote note;
        Checkpoint next;
        try {
            note = SignedNote.parse(served);
            next = Checkpoint.parse(note.text());
        } catch (NoteFormatException e) {
            throw CheckFailure.cannotCheck("the log served a malformed checkpoint: " + e.getMessage());
        }
        try {
            logKeys.verify(note);
        } catch (NoteVerificationException e) {
            throw CheckFailure.misbehaviour("the checkpoint is not validly signed by the log's key: " + e.getMessage());
        }
        if (!next.origin().equals(origin)) {
            throw CheckFailure.misbehaviour("the checkpoint is of origin " + next.origin() + ", not " + origin);
        }
        requireWitnesses(note);
        if (trusted.isPresent()) {
            requireConsistent(trusted.get(), next, proofs);
        }
        return next;
    }

    private void requireWitnesses(SignedNote note) throws CheckFailure {
        if (minWitnesses == 0) {
            return;
        }
        VerifiedNote cosigned;
        try {
            cosigned = new TrustedNoteKeys(witnesses).verify(note);
        } catch (NoteVerificationException e) {
            if (e.reason() == NoteVerificationException.Reason.INVALID_SIGNATURE) {
                throw CheckFailure.misbehaviour("a witness cosignature on the checkpoint is invalid: " + e.getMessage());
            }
            throw CheckFailure.tooFewWitnesses("no trusted witness has cosigned the checkpoint yet");
        }
        long count = witnesses.stream().map(NoteVerifier::name).distinct().filter(cosigned::isSignedBy).count();
        if (count < minWitnesses) {
            throw CheckFailure.tooFewWitnesses(count + " of the " + minWitnesses + " required witnesses cosigned the checkpoint");
        }
    }

    private static void requireConsistent(Checkpoint trusted, Checkpoint next, ConsistencyProofs proofs) throws CheckFailure {
        if (next.size() < trusted.size()) {
            throw CheckFailure.misbehaviour("the log rolled back: it serves size " + next.size() + " after signing size "
                    + trusted.size());
        }
        if (next.size() == trusted.size()) {
            if (!MessageDigest.isEqual(next.rootHash(), trusted.rootHash())) {
                throw CheckFailure.misbehaviour("the log signed two different roots for size " + next.size() + " (a fork)");
            }
            return;
        }
        List<byte[]> proof = proofs.between(trusted.size(), next.size());
        if (!ProofVerifier.consistencyIsValid(trusted.size(), trusted.rootHash(), next.size(), next.rootHash(), proof)) {
            throw CheckFailure.misbehaviour("the checkpoint of size " + next.size() + " is not consistent with the trusted one of size "
                    + trusted.size() + ": the log's history was rewritten");
        }
    }
}
