package eu.sehr.cloud.transparency.merkle;

import java.util.ArrayList;
import java.util.List;

/**
 * A range of leaves {@code [start, end)} whose RFC 9162 hash a proof needs, and how to get that hash from
 * complete subtrees: the range is split, left to right, into the largest aligned complete subtrees, and their
 * hashes are folded from the right.
 *
 * <p>That fold is the RFC hash only for ranges the RFC recursion produces (start aligned to the power of two
 * at or above the length: complete subtrees, and the partial subtrees on the right edge of a tree), which are
 * the only ones the planner creates.
 */
record SubtreeRange(long start, long end) {

    SubtreeRange {
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("not a range of leaves: [" + start + ", " + end + ")");
        }
    }

    /** The complete subtrees covering this range, left to right; at most one per bit of its length. */
    List<NodeId> completeSubtrees() {
        List<NodeId> ids = new ArrayList<>();
        long next = start;
        while (next < end) {
            int alignment = next == 0 ? NodeId.MAX_LEVEL : Long.numberOfTrailingZeros(next);
            int fits = 63 - Long.numberOfLeadingZeros(end - next);
            int level = Math.min(alignment, fits);
            ids.add(new NodeId(level, next >>> level));
            next += 1L << level;
        }
        return ids;
    }

    /** {@code h0 ⊕ (h1 ⊕ (… ⊕ hk))} with ⊕ the node hash; the empty tree hash for no hashes at all. */
    static byte[] foldFromTheRight(List<byte[]> hashes) {
        if (hashes.isEmpty()) {
            return MerkleHash.emptyTree();
        }
        byte[] root = hashes.get(hashes.size() - 1);
        for (int i = hashes.size() - 2; i >= 0; i--) {
            root = MerkleHash.node(hashes.get(i), root);
        }
        return root.clone();
    }
}
