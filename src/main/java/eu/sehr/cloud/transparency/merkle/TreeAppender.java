package eu.sehr.cloud.transparency.merkle;

import java.util.ArrayList;
import java.util.List;

/**
 * Appends leaf hashes to a tree given only its {@link Frontier}: returns every complete subtree the new leaves
 * complete (the rows to store) and the new frontier.
 *
 * <p>Each leaf costs one stored leaf node plus one node per subtree it completes (amortised two, never more
 * than 63), and nothing but the frontier is read, whatever the size of the tree.
 */
public final class TreeAppender {

    private TreeAppender() {
    }

    /** What an append produced: the nodes to store, in the order they were completed, and the new frontier. */
    public record Appended(List<StoredNode> newNodes, Frontier frontier) {

        public Appended {
            newNodes = List.copyOf(newNodes);
        }
    }

    /**
     * Appends {@code leafHashes} (already hashed with {@link MerkleHash#leaf(byte[])}) after {@code frontier}.
     *
     * @throws IllegalArgumentException if a leaf hash is not {@value MerkleHash#SIZE} bytes
     */
    public static Appended append(Frontier frontier, List<byte[]> leafHashes) {
        List<byte[]> stack = new ArrayList<>(frontier.hashes());
        List<StoredNode> newNodes = new ArrayList<>(2 * leafHashes.size());
        long size = frontier.size();
        for (byte[] leafHash : leafHashes) {
            if (!MerkleHash.hasHashLength(leafHash)) {
                throw new IllegalArgumentException("a leaf hash must be " + MerkleHash.SIZE + " bytes");
            }
            if (size == Long.MAX_VALUE) {
                throw new IllegalStateException("the tree is full");
            }
            newNodes.add(new StoredNode(new NodeId(0, size), leafHash));
            byte[] hash = leafHash;
            int level = 0;
            // Every bit set in the old size, from the bottom, is a complete subtree the new leaf now pairs with.
            while ((size >>> level & 1) == 1) {
                hash = MerkleHash.node(stack.remove(stack.size() - 1), hash);
                level++;
                newNodes.add(new StoredNode(new NodeId(level, size >>> level), hash));
            }
            stack.add(hash);
            size++;
        }
        return new Appended(newNodes, new Frontier(size, stack));
    }
}
