package eu.sehr.cloud.transparency.merkle;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The three hash functions of the RFC 9162 (section 2.1) Merkle tree, and nothing else.
 *
 * <p>Leaves and interior nodes get different one-byte prefixes so that a leaf can never be passed off as an
 * interior node (second preimage resistance); the empty tree has its own fixed root. Every other class of the
 * transparency log hashes through here, so the tree, the proofs and the verifiers cannot drift apart.
 */
public final class MerkleHash {

    /** Length in bytes of every hash in the tree (SHA-256). */
    public static final int SIZE = 32;

    private static final byte LEAF_PREFIX = 0x00;
    private static final byte NODE_PREFIX = 0x01;

    private MerkleHash() {
    }

    /** {@code SHA-256(0x00 || leaf)}: the hash of one log entry. */
    public static byte[] leaf(byte[] leaf) {
        MessageDigest sha256 = sha256();
        sha256.update(LEAF_PREFIX);
        sha256.update(leaf);
        return sha256.digest();
    }

    /** {@code SHA-256(0x01 || left || right)}: the hash of an interior node. */
    public static byte[] node(byte[] left, byte[] right) {
        MessageDigest sha256 = sha256();
        sha256.update(NODE_PREFIX);
        sha256.update(left);
        sha256.update(right);
        return sha256.digest();
    }

    /** {@code SHA-256("")}: the root of the tree with no leaves. */
    public static byte[] emptyTree() {
        return sha256().digest();
    }

    /** Whether {@code hash} has the length of a tree hash (and is not null). */
    public static boolean hasHashLength(byte[] hash) {
        return hash != null && hash.length == SIZE;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime must provide SHA-256", e);
        }
    }
}
