package eu.sehr.cloud.transparency.merkle;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Plans roots and proofs for any tree size from complete subtrees only (RFC 9162 sections 2.1.1, 2.1.3.1 and
 * 2.1.4.1), without touching any data: the plan says which nodes to read and how to combine them.
 *
 * <p>Both proofs walk the RFC recursion from the root down with a loop instead of recursion, collecting the
 * sibling ranges, then reverse them: the RFC lists proof hashes from the leaves up.
 */
public final class ProofPlanner {

    private ProofPlanner() {
    }

    /** The plan for {@code MTH(D[0:size])}; its answer is one hash (the empty tree hash for size 0). */
    public static ProofPlan root(long size) {
        requireSize(size);
        return new ProofPlan(List.of(new SubtreeRange(0, size)));
    }

    /** The plan for {@code PATH(index, D[0:size])}, the inclusion proof of leaf {@code index}. */
    public static ProofPlan inclusion(long index, long size) {
        requireSize(size);
        if (index < 0 || index >= size) {
            throw new IllegalArgumentException("leaf " + index + " is not in a tree of " + size + " leaves");
        }
        List<SubtreeRange> path = new ArrayList<>();
        long low = 0;
        long high = size;
        while (high - low > 1) {
            long split = low + largestPowerOfTwoBelow(high - low);
            if (index < split) {
                path.add(new SubtreeRange(split, high));
                high = split;
            } else {
                path.add(new SubtreeRange(low, split));
                low = split;
            }
        }
        Collections.reverse(path);
        return new ProofPlan(path);
    }

    /**
     * The plan for {@code PROOF(oldSize, D[0:newSize])}, the consistency proof between two sizes. It is empty
     * when {@code oldSize} is 0 (the empty tree is consistent with every tree) or equals {@code newSize}.
     */
    public static ProofPlan consistency(long oldSize, long newSize) {
        requireSize(oldSize);
        requireSize(newSize);
        if (oldSize > newSize) {
            throw new IllegalArgumentException("old size " + oldSize + " is larger than new size " + newSize);
        }
        List<SubtreeRange> proof = new ArrayList<>();
        if (oldSize == 0) {
            return new ProofPlan(proof);
        }
        long low = 0;
        long high = newSize;
        boolean oldRootIsKnown = true;
        // SUBPROOF(m, D[low:high], b) with m = oldSize - low; it ends when the old tree fills the range.
        while (oldSize != high) {
            long split = low + largestPowerOfTwoBelow(high - low);
            if (oldSize <= split) {
                proof.add(new SubtreeRange(split, high));
                high = split;
            } else {
                proof.add(new SubtreeRange(low, split));
                low = split;
                oldRootIsKnown = false;
            }
        }
        if (!oldRootIsKnown) {
            proof.add(new SubtreeRange(low, high));
        }
        Collections.reverse(proof);
        return new ProofPlan(proof);
    }

    /** The largest power of two strictly smaller than {@code n}, for {@code n >= 2}: where the RFC splits. */
    static long largestPowerOfTwoBelow(long n) {
        return Long.highestOneBit(n - 1);
    }

    private static void requireSize(long size) {
        if (size < 0) {
            throw new IllegalArgumentException("a tree size cannot be negative, was " + size);
        }
    }
}
