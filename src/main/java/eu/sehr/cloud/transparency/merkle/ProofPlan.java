package eu.sehr.cloud.transparency.merkle;

import java.util.ArrayList;
import java.util.List;

/**
 * The first half of answering a root or proof request: which stored nodes to read (in one batch), and how to
 * turn the hashes read into the answer.
 *
 * <p>Each element of the answer is the hash of one {@link SubtreeRange}; a complete subtree is one stored
 * node, a partial subtree on the right edge of the tree is combined from up to 63 of them. Planning needs no
 * data at all, so it works for any past tree size.
 */
public final class ProofPlan {

    private final List<SubtreeRange> elements;
    private final List<NodeId> nodeIds;

    ProofPlan(List<SubtreeRange> elements) {
        this.elements = List.copyOf(elements);
        List<NodeId> ids = new ArrayList<>();
        for (SubtreeRange element : this.elements) {
            ids.addAll(element.completeSubtrees());
        }
        this.nodeIds = List.copyOf(ids);
    }

    /** The nodes to read, all at once, before calling {@link #assemble(List)}. */
    public List<NodeId> nodeIds() {
        return nodeIds;
    }

    /** How many hashes {@link #assemble(List)} returns. */
    public int answerLength() {
        return elements.size();
    }

    /**
     * Combines the hashes of {@link #nodeIds()} (same order) into the answer: the proof hashes in RFC 9162
     * order, or the single root hash.
     */
    public List<byte[]> assemble(List<byte[]> nodeHashes) {
        if (nodeHashes.size() != nodeIds.size()) {
            throw new IllegalArgumentException("expected " + nodeIds.size() + " node hashes, got " + nodeHashes.size());
        }
        List<byte[]> answer = new ArrayList<>(elements.size());
        int next = 0;
        for (SubtreeRange element : elements) {
            int count = element.completeSubtrees().size();
            List<byte[]> parts = nodeHashes.subList(next, next + count);
            for (byte[] part : parts) {
                if (!MerkleHash.hasHashLength(part)) {
                    throw new IllegalArgumentException("a node hash must be " + MerkleHash.SIZE + " bytes");
                }
            }
            answer.add(SubtreeRange.foldFromTheRight(parts));
            next += count;
        }
        return answer;
    }

    @Override
    public String toString() {
        return "ProofPlan" + elements;
    }
}
