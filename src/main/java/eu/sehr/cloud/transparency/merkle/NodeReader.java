package eu.sehr.cloud.transparency.merkle;

import java.util.List;

/**
 * Reads stored complete-subtree hashes, many at once.
 *
 * <p>It is batched on purpose: a root or a proof is planned first ({@link ProofPlanner}) and then costs exactly
 * one call here, so with a database behind it one round trip and {@code O(log n)} rows.
 */
@FunctionalInterface
public interface NodeReader {

    /**
     * Returns the hash of every node in {@code ids}, in the same order.
     *
     * @throws IllegalStateException if one of the nodes is not stored: the caller asked about a tree size the
     *                               log has not reached, or the store lost data; either way no answer is right
     */
    List<byte[]> read(List<NodeId> ids);
}
