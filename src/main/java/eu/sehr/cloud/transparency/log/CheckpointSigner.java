package eu.sehr.cloud.transparency.log;

import java.util.List;
import java.util.Optional;

import eu.sehr.cloud.transparency.merkle.MerkleHash;
import eu.sehr.cloud.transparency.merkle.TreeProofs;
import eu.sehr.cloud.transparency.note.Checkpoint;
import eu.sehr.cloud.transparency.note.SignedNote;
import eu.sehr.cloud.transparency.note.SignerKey;

/** Signs a checkpoint of the tree's current size when the tree has grown since the latest one (or none exists). */
public final class CheckpointSigner {

    private final String origin;
    private final SignerKey key;
    private final TreeHead head;
    private final TreeProofs proofs;
    private final CheckpointTable checkpoints;

    public CheckpointSigner(String origin, SignerKey key, TreeHead head, TreeProofs proofs, CheckpointTable checkpoints) {
        this.origin = origin;
        this.key = key;
        this.head = head;
        this.proofs = proofs;
        this.checkpoints = checkpoints;
    }

    /** The new checkpoint, if one was signed. */
    public Optional<StoredCheckpoint> signIfGrown() {
        long size = head.size();
        Optional<StoredCheckpoint> latest = checkpoints.latest();
        if (latest.isPresent() && latest.get().size() >= size) {
            return Optional.empty();
        }
        byte[] root = size == 0 ? MerkleHash.emptyTree() : proofs.root(size);
        String note = SignedNote.sign(new Checkpoint(origin, size, root).text(), List.of(key.noteSigner())).format();
        StoredCheckpoint checkpoint = new StoredCheckpoint(size, root, note);
        checkpoints.insert(checkpoint);
        return Optional.of(checkpoint);
    }
}
