package eu.sehr.cloud.transparency.merkle;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The edge cases of RFC 9162 2.1.3.2 and 2.1.4.2 that random proofs rarely hit. */
class ProofVerifierTest {

    private final InMemoryNodeStore store = new InMemoryNodeStore();
    private final TreeProofs proofs = new TreeProofs(store);
    private final List<byte[]> leaves = TreeAppenderTest.leafHashes(20);

    ProofVerifierTest() {
        store.write(TreeAppender.append(Frontier.empty(), leaves).newNodes());
    }

    @Test
    void should_accept_the_empty_proof_from_the_empty_tree_to_any_tree() {
        assertThat(ProofVerifier.consistencyIsValid(0, MerkleHash.emptyTree(), 20, proofs.root(20), List.of())).isTrue();
    }

    @Test
    void should_reject_a_proof_from_the_empty_tree_that_is_not_empty() {
        assertThat(ProofVerifier.consistencyIsValid(0, MerkleHash.emptyTree(), 20, proofs.root(20),
                List.of(proofs.root(20)))).isFalse();
    }

    @Test
    void should_reject_an_empty_tree_with_a_root_other_than_the_empty_tree_hash() {
        assertThat(ProofVerifier.consistencyIsValid(0, proofs.root(1), 20, proofs.root(20), List.of())).isFalse();
    }

    @Test
    void should_accept_equal_sizes_only_with_equal_roots_and_an_empty_proof() {
        assertThat(ProofVerifier.consistencyIsValid(7, proofs.root(7), 7, proofs.root(7), List.of())).isTrue();
        assertThat(ProofVerifier.consistencyIsValid(7, proofs.root(7), 7, proofs.root(8), List.of())).isFalse();
        assertThat(ProofVerifier.consistencyIsValid(7, proofs.root(7), 7, proofs.root(7), List.of(proofs.root(7))))
                .isFalse();
    }

    @Test
    void should_reject_a_consistency_proof_to_a_smaller_tree() {
        assertThat(ProofVerifier.consistencyIsValid(8, proofs.root(8), 7, proofs.root(7),
                proofs.consistencyProof(7, 8))).isFalse();
    }

    @Test
    void should_reject_an_empty_proof_between_different_non_empty_sizes() {
        assertThat(ProofVerifier.consistencyIsValid(4, proofs.root(4), 8, proofs.root(8), List.of())).isFalse();
    }

    @Test
    void should_reject_an_index_at_or_beyond_the_tree_size() {
        List<byte[]> proof = proofs.inclusionProof(3, 4);

        assertThat(ProofVerifier.inclusionIsValid(leaves.get(3), 4, 4, proof, proofs.root(4))).isFalse();
        assertThat(ProofVerifier.inclusionIsValid(leaves.get(3), 3, 0, proof, proofs.root(4))).isFalse();
    }

    @Test
    void should_accept_the_single_leaf_tree_with_an_empty_proof_and_nothing_else() {
        assertThat(ProofVerifier.inclusionIsValid(leaves.get(0), 0, 1, List.of(), leaves.get(0))).isTrue();
        assertThat(ProofVerifier.inclusionIsValid(leaves.get(0), 0, 1, List.of(leaves.get(0)), leaves.get(0))).isFalse();
    }

    @Test
    void should_reject_hashes_of_the_wrong_length_or_missing() {
        List<byte[]> proof = new ArrayList<>(proofs.inclusionProof(5, 20));
        byte[] root = proofs.root(20);

        assertThat(ProofVerifier.inclusionIsValid(new byte[31], 5, 20, proof, root)).isFalse();
        assertThat(ProofVerifier.inclusionIsValid(leaves.get(5), 5, 20, proof, new byte[33])).isFalse();
        assertThat(ProofVerifier.inclusionIsValid(leaves.get(5), 5, 20, null, root)).isFalse();
        proof.set(0, null);
        assertThat(ProofVerifier.inclusionIsValid(leaves.get(5), 5, 20, proof, root)).isFalse();
    }

    @Test
    void should_accept_a_consistency_proof_from_a_power_of_two_which_leaves_out_the_old_root() {
        List<byte[]> proof = proofs.consistencyProof(8, 20);

        assertThat(proof).noneMatch(hash -> Arrays.equals(hash, proofs.root(8)));
        assertThat(ProofVerifier.consistencyIsValid(8, proofs.root(8), 20, proofs.root(20), proof)).isTrue();
    }
}
