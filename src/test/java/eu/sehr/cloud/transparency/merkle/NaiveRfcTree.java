package eu.sehr.cloud.transparency.merkle;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The RFC 9162 section 2.1 definitions (MTH, PATH, PROOF/SUBPROOF) written down literally and recursively over
 * a list of leaf hashes, with its own SHA-256 calls: the independent oracle the production code is checked
 * against. The only concession to speed is memoising MTH of a range, which depends on nothing but its leaves.
 */
final class NaiveRfcTree {

    private final List<byte[]> leafHashes;
    private final Map<Long, byte[]> treeHashes = new HashMap<>();

    NaiveRfcTree(List<byte[]> leafHashes) {
        this.leafHashes = leafHashes;
    }

    /** MTH(D[start:end]). */
    byte[] mth(int start, int end) {
        int n = end - start;
        if (n == 0) {
            return sha256(new byte[0]);
        }
        if (n == 1) {
            return leafHashes.get(start);
        }
        long key = ((long) start << 32) | end;
        byte[] known = treeHashes.get(key);
        if (known == null) {
            int k = largestPowerOfTwoSmallerThan(n);
            known = sha256(new byte[]{1}, mth(start, start + k), mth(start + k, end));
            treeHashes.put(key, known);
        }
        return known;
    }

    /** PATH(m, D[0:n]). */
    List<byte[]> path(int m, int n) {
        return path(m, 0, n);
    }

    private List<byte[]> path(int m, int start, int end) {
        int n = end - start;
        List<byte[]> result = new ArrayList<>();
        if (n == 1) {
            return result;
        }
        int k = largestPowerOfTwoSmallerThan(n);
        if (m < k) {
            result.addAll(path(m, start, start + k));
            result.add(mth(start + k, end));
        } else {
            result.addAll(path(m - k, start + k, end));
            result.add(mth(start, start + k));
        }
        return result;
    }

    /** PROOF(m, D[0:n]) = SUBPROOF(m, D[0:n], true). */
    List<byte[]> proof(int m, int n) {
        return subproof(m, 0, n, true);
    }

    private List<byte[]> subproof(int m, int start, int end, boolean b) {
        int n = end - start;
        List<byte[]> result = new ArrayList<>();
        if (m == n) {
            if (!b) {
                result.add(mth(start, end));
            }
            return result;
        }
        int k = largestPowerOfTwoSmallerThan(n);
        if (m <= k) {
            result.addAll(subproof(m, start, start + k, b));
            result.add(mth(start + k, end));
        } else {
            result.addAll(subproof(m - k, start + k, end, false));
            result.add(mth(start, start + k));
        }
        return result;
    }

    static byte[] leafHash(byte[] data) {
        return sha256(new byte[]{0}, data);
    }

    private static int largestPowerOfTwoSmallerThan(int n) {
        int k = 1;
        while (k * 2 < n) {
            k *= 2;
        }
        return k;
    }

    private static byte[] sha256(byte[]... parts) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (byte[] part : parts) {
                digest.update(part);
            }
            return digest.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
