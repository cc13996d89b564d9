package eu.sehr.cloud.transparency.merkle;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks inclusion and consistency proofs exactly as RFC 9162 sections 2.1.3.2 and 2.1.4.2 say: what a client,
 * a witness and the offline verifier run on data they received and do not trust.
 *
 * <p>Every way a proof can be wrong (a hash changed, missing or extra, a hash of the wrong length, an index or
 * size out of range) gives {@code false}; nothing here throws on untrusted input.
 */
public final class ProofVerifier {

    private ProofVerifier() {
    }

    /** Whether {@code proof} shows that {@code leafHash} is leaf {@code index} of the tree {@code (size, root)}. */
    public static boolean inclusionIsValid(byte[] leafHash, long index, long size, List<byte[]> proof, byte[] root) {
        if (index < 0 || index >= size || !allAreHashes(proof) || !MerkleHash.hasHashLength(leafHash)
                || !MerkleHash.hasHashLength(root)) {
            return false;
        }
        long fn = index;
        long sn = size - 1;
        byte[] r = leafHash;
        for (byte[] p : proof) {
            if (sn == 0) {
                return false;
            }
            if ((fn & 1) == 1 || fn == sn) {
                r = MerkleHash.node(p, r);
                while (fn != 0 && (fn & 1) == 0) {
                    fn >>= 1;
                    sn >>= 1;
                }
            } else {
                r = MerkleHash.node(r, p);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 && MessageDigest.isEqual(r, root);
    }

    /**
     * Whether {@code proof} shows that the tree {@code (oldSize, oldRoot)} is a prefix of the tree
     * {@code (newSize, newRoot)}. From size 0 the proof must be empty and the old root the empty tree hash;
     * between equal sizes the proof must be empty and the roots equal.
     */
    public static boolean consistencyIsValid(long oldSize, byte[] oldRoot, long newSize, byte[] newRoot,
                                             List<byte[]> proof) {
        if (oldSize < 0 || newSize < oldSize || !allAreHashes(proof) || !MerkleHash.hasHashLength(oldRoot)
                || !MerkleHash.hasHashLength(newRoot)) {
            return false;
        }
        if (oldSize == newSize) {
            return proof.isEmpty() && MessageDigest.isEqual(oldRoot, newRoot);
        }
        if (oldSize == 0) {
            return proof.isEmpty() && MessageDigest.isEqual(oldRoot, MerkleHash.emptyTree());
        }
        if (proof.isEmpty()) {
            return false;
        }
        List<byte[]> path = new ArrayList<>(proof.size() + 1);
        if (Long.bitCount(oldSize) == 1) {
            path.add(oldRoot);
        }
        path.addAll(proof);
        long fn = oldSize - 1;
        long sn = newSize - 1;
        while ((fn & 1) == 1) {
            fn >>= 1;
            sn >>= 1;
        }
        byte[] fr = path.get(0);
        byte[] sr = path.get(0);
        for (byte[] c : path.subList(1, path.size())) {
            if (sn == 0) {
                return false;
            }
            if ((fn & 1) == 1 || fn == sn) {
                fr = MerkleHash.node(c, fr);
                sr = MerkleHash.node(c, sr);
                while (fn != 0 && (fn & 1) == 0) {
                    fn >>= 1;
                    sn >>= 1;
                }
            } else {
                sr = MerkleHash.node(sr, c);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 && MessageDigest.isEqual(fr, oldRoot) && MessageDigest.isEqual(sr, newRoot);
    }

    private static boolean allAreHashes(List<byte[]> proof) {
        if (proof == null) {
            return false;
        }
        for (byte[] hash : proof) {
            if (!MerkleHash.hasHashLength(hash)) {
                return false;
            }
        }
        return true;
    }
}
