package eu.sehr.cloud.transparency.witness;

import java.util.Arrays;
import java.util.Base64;

import eu.sehr.cloud.transparency.merkle.MerkleHash;

/**
 * What a witness remembers of one log: the size and root hash of the latest checkpoint it cosigned (size 0 and
 * the empty tree hash before the first). Every later checkpoint must be proven consistent with it.
 */
public record LogState(String origin, long size, byte[] rootHash) {

    public LogState {
        if (origin == null || origin.isEmpty()) {
            throw new IllegalArgumentException("a log has an origin");
        }
        if (size < 0) {
            throw new IllegalArgumentException("a tree size cannot be negative");
        }
        if (!MerkleHash.hasHashLength(rootHash)) {
            throw new IllegalArgumentException("a root hash is " + MerkleHash.SIZE + " bytes");
        }
        rootHash = rootHash.clone();
    }

    /** The state of a log the witness never cosigned. */
    public static LogState initial(String origin) {
        return new LogState(origin, 0, MerkleHash.emptyTree());
    }

    @Override
    public byte[] rootHash() {
        return rootHash.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof LogState that && that.origin.equals(origin) && that.size == size
                && Arrays.equals(that.rootHash, rootHash);
    }

    @Override
    public int hashCode() {
        return (origin.hashCode() * 31 + Long.hashCode(size)) * 31 + Arrays.hashCode(rootHash);
    }

    @Override
    public String toString() {
        return origin + " at size " + size + " with root " + Base64.getEncoder().encodeToString(rootHash);
    }
}
