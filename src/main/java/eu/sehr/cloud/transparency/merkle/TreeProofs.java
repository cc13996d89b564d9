package eu.sehr.cloud.transparency.merkle;

import java.util.List;

/**
 * Roots and proofs of any past size of a stored tree, each for one batched {@link NodeReader#read(List)} call
 * of {@code O(log n)} nodes: what the log's read API answers with.
 *
 * <p>The caller must only ask about sizes the log has reached; beyond them the nodes are missing and the
 * reader throws.
 */
public final class TreeProofs {

    private final NodeReader nodes;

    public TreeProofs(NodeReader nodes) {
        this.nodes = nodes;
    }

    /** The RFC 9162 root hash of the first {@code size} leaves. */
    public byte[] root(long size) {
        return answer(ProofPlanner.root(size)).get(0);
    }

    /** The inclusion proof of leaf {@code index} in the tree of {@code size} leaves. */
    public List<byte[]> inclusionProof(long index, long size) {
        return answer(ProofPlanner.inclusion(index, size));
    }

    /** The consistency proof from the tree of {@code oldSize} leaves to the tree of {@code newSize} leaves. */
    public List<byte[]> consistencyProof(long oldSize, long newSize) {
        return answer(ProofPlanner.consistency(oldSize, newSize));
    }

    private List<byte[]> answer(ProofPlan plan) {
        List<NodeId> ids = plan.nodeIds();
        List<byte[]> hashes = ids.isEmpty() ? List.of() : nodes.read(ids);
        return plan.assemble(hashes);
    }
}
