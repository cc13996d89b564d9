package eu.sehr.cloud.transparency.merkle;

/**
 * The address of one complete subtree of the log: the subtree at {@code level} covers the
 * {@code 2^level} leaves {@code [index * 2^level, (index + 1) * 2^level)}; level 0 holds the leaf hashes.
 *
 * <p>Only complete subtrees are ever stored, because only they never change as the log grows: that makes
 * every stored row immutable, and every root or proof of any past size derivable from them.
 */
public record NodeId(int level, long index) {

    /** The highest level a complete subtree can have in a tree of fewer than {@code 2^63} leaves. */
    public static final int MAX_LEVEL = 62;

    public NodeId {
        if (level < 0 || level > MAX_LEVEL) {
            throw new IllegalArgumentException("level must be between 0 and " + MAX_LEVEL + ", was " + level);
        }
        if (index < 0 || index > Long.MAX_VALUE >>> level) {
            throw new IllegalArgumentException("index " + index + " is out of range at level " + level);
        }
    }

    /** The index of the first leaf this subtree covers. */
    public long firstLeaf() {
        return index << level;
    }

    /** How many leaves this subtree covers. */
    public long leafCount() {
        return 1L << level;
    }

    @Override
    public String toString() {
        return "(" + level + ", " + index + ")";
    }
}
