package eu.sehr.cloud.transparency.witness;

import java.io.IOException;
import java.security.MessageDigest;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import eu.sehr.cloud.transparency.merkle.MerkleHash;
import eu.sehr.cloud.transparency.merkle.ProofVerifier;
import eu.sehr.cloud.transparency.note.Checkpoint;
import eu.sehr.cloud.transparency.note.NoteFormatException;
import eu.sehr.cloud.transparency.note.NoteSignature;
import eu.sehr.cloud.transparency.note.NoteSigner;
import eu.sehr.cloud.transparency.note.NoteVerificationException;
import eu.sehr.cloud.transparency.note.SignedNote;
import eu.sehr.cloud.transparency.note.TrustedNoteKeys;
import eu.sehr.cloud.transparency.witness.WitnessOutcome.BadRequest;
import eu.sehr.cloud.transparency.witness.WitnessOutcome.Conflict;
import eu.sehr.cloud.transparency.witness.WitnessOutcome.Cosigned;
import eu.sehr.cloud.transparency.witness.WitnessOutcome.Forbidden;
import eu.sehr.cloud.transparency.witness.WitnessOutcome.UnknownLog;
import eu.sehr.cloud.transparency.witness.WitnessOutcome.Unprocessable;

/**
 * The c2sp.org/tlog-witness {@code add-checkpoint} logic, without HTTP: cosign a checkpoint only if the log
 * signed it, the client knows the size the witness last cosigned, and a consistency proof shows the new tree
 * extends the one cosigned before. Anything else is refused, so no two cosignatures of this witness can ever
 * describe two forks of one log.
 *
 * <p>Checking a log's recorded state and saving its new state happen under one lock per log, so two concurrent
 * requests cannot roll the state back (the race the spec describes); the new state is on disk before the
 * cosignature is returned.
 */
public final class Witness {

    private final Map<String, TrustedNoteKeys> logKeys = new HashMap<>();
    private final Map<String, Object> logLocks = new HashMap<>();
    private final NoteSigner cosigner;
    private final WitnessStateStore states;

    public Witness(Collection<WitnessedLog> logs, NoteSigner cosigner, WitnessStateStore states) {
        for (WitnessedLog log : logs) {
            if (logKeys.put(log.origin(), new TrustedNoteKeys(log.keys())) != null) {
                throw new IllegalArgumentException("log " + log.origin() + " is configured twice");
            }
            logLocks.put(log.origin(), new Object());
        }
        this.cosigner = cosigner;
        this.states = states;
    }

    /** Handles a raw request body. */
    public WitnessOutcome addCheckpoint(byte[] requestBody) throws IOException {
        try {
            return addCheckpoint(AddCheckpointRequest.parse(requestBody));
        } catch (MalformedRequestException e) {
            return new BadRequest(e.getMessage());
        }
    }

    /**
     * Handles a parsed request.
     *
     * @throws IOException if the state of the log cannot be read or saved (nothing was cosigned then)
     */
    public WitnessOutcome addCheckpoint(AddCheckpointRequest request) throws IOException {
        SignedNote note;
        Checkpoint checkpoint;
        try {
            note = SignedNote.parse(request.checkpoint());
            checkpoint = Checkpoint.parse(note.text());
        } catch (NoteFormatException e) {
            return new BadRequest("malformed checkpoint: " + e.getMessage());
        }
        String origin = checkpoint.origin();
        TrustedNoteKeys keys = logKeys.get(origin);
        if (keys == null) {
            return new UnknownLog(origin);
        }
        try {
            keys.verify(note);
        } catch (NoteVerificationException e) {
            return new Forbidden(origin, e.getMessage());
        }
        if (request.oldSize() > checkpoint.size()) {
            return new BadRequest("old size " + request.oldSize() + " is larger than checkpoint size " + checkpoint.size());
        }
        synchronized (logLocks.get(origin)) {
            LogState cosigned = states.load(origin);
            if (request.oldSize() != cosigned.size()) {
                return new Conflict(origin, cosigned.size());
            }
            Optional<Unprocessable> refusal = refusalToCosign(request, checkpoint, cosigned);
            if (refusal.isPresent()) {
                return refusal.get();
            }
            NoteSignature cosignature = NoteSignature.create(note.text(), cosigner);
            states.save(new LogState(origin, checkpoint.size(), checkpoint.rootHash()));
            return new Cosigned(origin, checkpoint.size(), List.of(cosignature));
        }
    }

    /** Why a signed checkpoint, whose old size matches, cannot be shown consistent with the cosigned state. */
    private static Optional<Unprocessable> refusalToCosign(AddCheckpointRequest request, Checkpoint checkpoint, LogState cosigned) {
        String origin = checkpoint.origin();
        byte[] root = checkpoint.rootHash();
        List<byte[]> proof = request.consistencyProof();
        if (checkpoint.size() == 0 && !MessageDigest.isEqual(root, MerkleHash.emptyTree())) {
            return Optional.of(new Unprocessable(origin, "the log signed an empty tree whose root is not the empty tree hash: "
                    + checkpoint, true));
        }
        if (cosigned.size() == 0 && !proof.isEmpty()) {
            return Optional.of(new Unprocessable(origin, "a consistency proof from size 0 must be empty", false));
        }
        if (cosigned.size() == checkpoint.size()) {
            if (!MessageDigest.isEqual(cosigned.rootHash(), root)) {
                return Optional.of(new Unprocessable(origin, "the log signed two different roots for one size: cosigned "
                        + cosigned + ", now signed " + checkpoint, true));
            }
            if (!proof.isEmpty()) {
                return Optional.of(new Unprocessable(origin, "a consistency proof between equal sizes must be empty", false));
            }
            return Optional.empty();
        }
        if (!ProofVerifier.consistencyIsValid(cosigned.size(), cosigned.rootHash(), checkpoint.size(), root, proof)) {
            return Optional.of(new Unprocessable(origin, "the consistency proof does not show that the signed " + checkpoint
                    + " extends the cosigned " + cosigned, true));
        }
        return Optional.empty();
    }
}
