package eu.sehr.cloud.transparency.log;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import eu.sehr.cloud.infra.http.ApiException;
import eu.sehr.cloud.transparency.merkle.NodeId;
import eu.sehr.cloud.transparency.merkle.ProofPlan;
import eu.sehr.cloud.transparency.merkle.ProofPlanner;
import eu.sehr.cloud.transparency.merkle.TreeProofs;
import eu.sehr.cloud.transparency.note.NoteSignature;
import eu.sehr.cloud.transparency.note.SignedNote;

/** What the log serves: its latest checkpoint with cosignatures, proofs, and the leaves of one account with theirs. */
public final class LogReads {

    private final CheckpointTable checkpoints;
    private final LeafTable leaves;
    private final NodeTable nodes;
    private final TreeProofs proofs;

    public LogReads(CheckpointTable checkpoints, LeafTable leaves, NodeTable nodes) {
        this.checkpoints = checkpoints;
        this.leaves = leaves;
        this.nodes = nodes;
        this.proofs = new TreeProofs(nodes);
    }

    /** The latest checkpoint; 503 until the first one is signed (within the maximum merge delay of the start). */
    public StoredCheckpoint latest() {
        return checkpoints.latest().orElseThrow(() -> ApiException.unavailable("the log has not signed a checkpoint yet"));
    }

    /** A checkpoint's note with the cosignature lines of the witnesses that cosigned it. */
    public String withCosignatures(StoredCheckpoint checkpoint) {
        List<NoteSignature> cosignatures = checkpoints.cosignatures(checkpoint.size()).stream()
                .map(line -> NoteSignature.parseLine(line.strip())).toList();
        return SignedNote.parse(checkpoint.note()).withSignatures(cosignatures).format();
    }

    public List<byte[]> inclusionProof(long index, long size) {
        return proofs.inclusionProof(index, size);
    }

    public List<byte[]> consistencyProof(long from, long to) {
        return proofs.consistencyProof(from, to);
    }

    /** The leaves about an account after {@code after}, in a tree of {@code size}, each with its inclusion proof. */
    public List<ProvenLeaf> ofAccount(String account, long after, long size, int limit) {
        List<LeafRow> rows = leaves.ofAccount(account, after, size, limit);
        List<ProofPlan> plans = rows.stream().map(row -> ProofPlanner.inclusion(row.index(), size)).toList();
        Set<NodeId> wanted = new LinkedHashSet<>();
        plans.forEach(plan -> wanted.addAll(plan.nodeIds()));
        List<NodeId> ids = new ArrayList<>(wanted);
        List<byte[]> hashes = nodes.read(ids);
        Map<NodeId, byte[]> byId = new HashMap<>();
        for (int i = 0; i < ids.size(); i++) {
            byId.put(ids.get(i), hashes.get(i));
        }
        List<ProvenLeaf> proven = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            List<byte[]> planned = plans.get(i).nodeIds().stream().map(byId::get).toList();
            proven.add(new ProvenLeaf(rows.get(i), plans.get(i).assemble(planned)));
        }
        return proven;
    }

    /** A leaf with its inclusion proof. */
    public record ProvenLeaf(LeafRow leaf, List<byte[]> proof) {
    }
}
