package eu.sehr.cloud.transparency.merkle;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The hashes of the maximal complete subtrees of a tree of {@code size} leaves, left to right (one per bit set
 * in {@code size}, so at most 63): everything needed to compute the root and to append to the tree.
 *
 * <p>This is what lets the log append in {@code O(log n)} per leaf without reading the tree: load the frontier
 * (one batched read of {@link #nodeIds(long)}), hand it to {@link TreeAppender}, store what comes back.
 */
public record Frontier(long size, List<byte[]> hashes) {

    public Frontier {
        if (size < 0) {
            throw new IllegalArgumentException("a tree size cannot be negative, was " + size);
        }
        if (hashes.size() != Long.bitCount(size)) {
            throw new IllegalArgumentException("a tree of " + size + " leaves has " + Long.bitCount(size)
                    + " frontier hashes, not " + hashes.size());
        }
        List<byte[]> copies = new ArrayList<>(hashes.size());
        for (byte[] hash : hashes) {
            if (!MerkleHash.hasHashLength(hash)) {
                throw new IllegalArgumentException("a frontier hash must be " + MerkleHash.SIZE + " bytes");
            }
            copies.add(hash.clone());
        }
        hashes = List.copyOf(copies);
    }

    /** The frontier of the empty tree. */
    public static Frontier empty() {
        return new Frontier(0, List.of());
    }

    /** The frontier of a tree of {@code size} leaves, from the hashes read for {@link #nodeIds(long)}. */
    public static Frontier of(long size, List<byte[]> hashes) {
        return new Frontier(size, hashes);
    }

    /** Which stored nodes make up the frontier of a tree of {@code size} leaves, left to right. */
    public static List<NodeId> nodeIds(long size) {
        if (size < 0) {
            throw new IllegalArgumentException("a tree size cannot be negative, was " + size);
        }
        List<NodeId> ids = new ArrayList<>(Long.bitCount(size));
        for (int level = NodeId.MAX_LEVEL; level >= 0; level--) {
            if ((size >>> level & 1) == 1) {
                ids.add(new NodeId(level, (size >>> level) - 1));
            }
        }
        return ids;
    }

    @Override
    public List<byte[]> hashes() {
        return hashes.stream().map(byte[]::clone).toList();
    }

    /** The RFC 9162 root hash of the tree this is the frontier of. */
    public byte[] root() {
        return SubtreeRange.foldFromTheRight(hashes);
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof Frontier frontier) || frontier.size != size) {
            return false;
        }
        for (int i = 0; i < hashes.size(); i++) {
            if (!Arrays.equals(hashes.get(i), frontier.hashes.get(i))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int result = Long.hashCode(size);
        for (byte[] hash : hashes) {
            result = 31 * result + Arrays.hashCode(hash);
        }
        return result;
    }

    @Override
    public String toString() {
        return "Frontier[size=" + size + ", nodes=" + nodeIds(size) + "]";
    }
}
