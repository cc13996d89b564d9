package eu.sehr.cloud.transparency.merkle;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * One row the log stores: the hash of the complete subtree at {@link #id()}.
 *
 * <p>The hash is copied in and out so that a stored node cannot be changed behind the store's back, and
 * equality compares hash contents rather than array identity.
 */
public record StoredNode(NodeId id, byte[] hash) {

    public StoredNode {
        Objects.requireNonNull(id, "id");
        if (!MerkleHash.hasHashLength(hash)) {
            throw new IllegalArgumentException("a node hash must be " + MerkleHash.SIZE + " bytes");
        }
        hash = hash.clone();
    }

    @Override
    public byte[] hash() {
        return hash.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof StoredNode node && id.equals(node.id) && Arrays.equals(hash, node.hash);
    }

    @Override
    public int hashCode() {
        return 31 * id.hashCode() + Arrays.hashCode(hash);
    }

    @Override
    public String toString() {
        return id + "=" + HexFormat.of().formatHex(hash);
    }
}
