package eu.sehr.cloud.transparency.merkle;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Property tests over one stored tree of 10,000 random leaves (seeded, so reproducible): for many sizes and
 * indexes, including every size up to 64 and the powers of two with their neighbours, every root and proof the
 * stored nodes give equals the literal RFC definition ({@link NaiveRfcTree}), verifies, and stops verifying
 * after any mutation.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MerklePropertiesTest {

    private static final int MAX_SIZE = 10_000;

    private final Random random = new Random(20260722L);
    private final InMemoryNodeStore store = new InMemoryNodeStore();
    private final TreeProofs proofs = new TreeProofs(store);
    private final List<byte[]> leafHashes = new ArrayList<>();
    private NaiveRfcTree naive;

    @BeforeAll
    void appendTenThousandLeavesInRandomBatches() {
        Frontier frontier = Frontier.empty();
        while (frontier.size() < MAX_SIZE) {
            int batch = (int) Math.min(1 + random.nextInt(300), MAX_SIZE - frontier.size());
            List<byte[]> hashes = new ArrayList<>();
            for (int i = 0; i < batch; i++) {
                byte[] leaf = new byte[random.nextInt(40)];
                random.nextBytes(leaf);
                hashes.add(NaiveRfcTree.leafHash(leaf));
            }
            TreeAppender.Appended appended = TreeAppender.append(frontier, hashes);
            store.write(appended.newNodes());
            leafHashes.addAll(hashes);
            frontier = appended.frontier();
        }
        naive = new NaiveRfcTree(leafHashes);
    }

    @Test
    void should_give_the_rfc_root_for_every_size() {
        for (int size = 0; size <= MAX_SIZE; size++) {
            assertThat(proofs.root(size)).as("root of %d", size).isEqualTo(naive.mth(0, size));
        }
    }

    @Test
    void should_give_and_verify_the_rfc_inclusion_proof_of_every_leaf_of_small_trees() {
        for (int size = 1; size <= 64; size++) {
            for (int index = 0; index < size; index++) {
                checkInclusion(index, size);
            }
        }
    }

    @Test
    void should_give_and_verify_the_rfc_consistency_proof_between_every_pair_of_small_sizes() {
        for (int newSize = 1; newSize <= 64; newSize++) {
            for (int oldSize = 0; oldSize <= newSize; oldSize++) {
                checkConsistency(oldSize, newSize);
            }
        }
    }

    @Test
    void should_give_and_verify_rfc_proofs_around_powers_of_two() {
        for (int power = 1; power <= MAX_SIZE; power *= 2) {
            for (int size = Math.max(1, power - 1); size <= Math.min(MAX_SIZE, power + 1); size++) {
                checkSampleOfProofs(size);
            }
        }
        checkSampleOfProofs(MAX_SIZE);
    }

    @Test
    void should_give_and_verify_rfc_proofs_at_random_sizes_and_reject_every_mutation() {
        for (int i = 0; i < 150; i++) {
            int size = 1 + random.nextInt(MAX_SIZE);
            checkSampleOfProofs(size);
        }
    }

    private void checkSampleOfProofs(int size) {
        TreeSet<Integer> indexes = new TreeSet<>(List.of(0, size - 1, size / 2));
        TreeSet<Integer> oldSizes = new TreeSet<>(List.of(0, 1, size - 1, size, Integer.highestOneBit(size)));
        for (int i = 0; i < 4; i++) {
            indexes.add(random.nextInt(size));
            oldSizes.add(random.nextInt(size + 1));
        }
        indexes.forEach(index -> checkInclusion(index, size));
        oldSizes.forEach(oldSize -> checkConsistency(oldSize, size));
    }

    private void checkInclusion(int index, int size) {
        byte[] root = naive.mth(0, size);
        byte[] leaf = leafHashes.get(index);
        List<byte[]> proof = proofs.inclusionProof(index, size);
        assertThat(proof).as("inclusion proof of %d in %d", index, size).containsExactlyElementsOf(naive.path(index, size));
        assertThat(ProofVerifier.inclusionIsValid(leaf, index, size, proof, root)).as("verifies").isTrue();
        for (List<byte[]> mutant : mutants(proof)) {
            assertThat(ProofVerifier.inclusionIsValid(leaf, index, size, mutant, root))
                    .as("mutated inclusion proof of %d in %d", index, size).isFalse();
        }
        // Claimed for another index or size (with that size's root), a proof holds only if it is that claim's proof.
        for (int otherIndex : new int[]{index - 1, index + 1, size, -1}) {
            boolean isThatProof = otherIndex >= 0 && otherIndex < size
                    && Arrays.equals(leaf, leafHashes.get(otherIndex)) && sameHashes(naive.path(otherIndex, size), proof);
            assertThat(ProofVerifier.inclusionIsValid(leaf, otherIndex, size, proof, root))
                    .as("proof of %d in %d claimed for index %d", index, size, otherIndex).isEqualTo(isThatProof);
        }
        for (int otherSize : new int[]{size - 1, size + 1}) {
            if (otherSize > index && otherSize <= MAX_SIZE) {
                assertThat(ProofVerifier.inclusionIsValid(leaf, index, otherSize, proof, naive.mth(0, otherSize)))
                        .as("proof of %d in %d claimed for size %d", index, size, otherSize).isFalse();
            }
        }
    }

    private void checkConsistency(int oldSize, int newSize) {
        byte[] oldRoot = naive.mth(0, oldSize);
        byte[] newRoot = naive.mth(0, newSize);
        List<byte[]> proof = proofs.consistencyProof(oldSize, newSize);
        List<byte[]> expected = expectedConsistencyProof(oldSize, newSize);
        assertThat(proof).as("consistency proof from %d to %d", oldSize, newSize).containsExactlyElementsOf(expected);
        assertThat(ProofVerifier.consistencyIsValid(oldSize, oldRoot, newSize, newRoot, proof)).as("verifies").isTrue();
        for (List<byte[]> mutant : mutants(proof)) {
            assertThat(ProofVerifier.consistencyIsValid(oldSize, oldRoot, newSize, newRoot, mutant))
                    .as("mutated consistency proof from %d to %d", oldSize, newSize).isFalse();
        }
        // Claimed between other sizes (with their roots), a proof holds only if it is that claim's proof.
        for (int[] other : new int[][]{{oldSize - 1, newSize}, {oldSize + 1, newSize}, {oldSize, newSize - 1},
                {oldSize, newSize + 1}}) {
            if (other[0] >= 0 && other[0] <= other[1] && other[1] <= MAX_SIZE) {
                boolean isThatProof = sameHashes(expectedConsistencyProof(other[0], other[1]), proof);
                assertThat(ProofVerifier.consistencyIsValid(other[0], naive.mth(0, other[0]), other[1],
                        naive.mth(0, other[1]), proof))
                        .as("proof from %d to %d claimed from %d to %d", oldSize, newSize, other[0], other[1])
                        .isEqualTo(isThatProof);
            }
        }
        assertThat(ProofVerifier.consistencyIsValid(oldSize, newRoot, newSize, oldRoot, proof))
                .as("roots swapped").isEqualTo(oldSize == newSize);
    }

    private List<byte[]> expectedConsistencyProof(int oldSize, int newSize) {
        return oldSize == 0 || oldSize == newSize ? List.of() : naive.proof(oldSize, newSize);
    }

    private static boolean sameHashes(List<byte[]> some, List<byte[]> others) {
        if (some.size() != others.size()) {
            return false;
        }
        for (int i = 0; i < some.size(); i++) {
            if (!Arrays.equals(some.get(i), others.get(i))) {
                return false;
            }
        }
        return true;
    }

    /** Every proof with one byte flipped, one hash dropped, one hash added, or one hash truncated. */
    private List<List<byte[]>> mutants(List<byte[]> proof) {
        List<List<byte[]>> mutants = new ArrayList<>();
        for (int i = 0; i < proof.size(); i++) {
            List<byte[]> flipped = copy(proof);
            byte[] hash = flipped.get(i);
            hash[random.nextInt(hash.length)] ^= (byte) (1 << random.nextInt(8));
            mutants.add(flipped);

            List<byte[]> dropped = copy(proof);
            dropped.remove(i);
            mutants.add(dropped);

            List<byte[]> truncated = copy(proof);
            truncated.set(i, Arrays.copyOf(truncated.get(i), MerkleHash.SIZE - 1));
            mutants.add(truncated);
        }
        byte[] extra = new byte[MerkleHash.SIZE];
        random.nextBytes(extra);
        List<byte[]> appended = copy(proof);
        appended.add(extra);
        mutants.add(appended);
        List<byte[]> prepended = copy(proof);
        prepended.add(0, extra);
        mutants.add(prepended);
        if (!proof.isEmpty()) {
            List<byte[]> duplicated = copy(proof);
            duplicated.add(duplicated.get(duplicated.size() - 1).clone());
            mutants.add(duplicated);
        }
        return mutants;
    }

    private static List<byte[]> copy(List<byte[]> proof) {
        List<byte[]> copy = new ArrayList<>();
        proof.forEach(hash -> copy.add(hash.clone()));
        return copy;
    }
}
