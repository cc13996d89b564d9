package eu.sehr.cloud.transparency.merkle;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProofPlannerTest {

    private static final long HUGE = (1L << 62) + 123_456_789L;

    @Test
    void should_read_each_root_and_proof_in_a_single_batch() {
        InMemoryNodeStore store = new InMemoryNodeStore();
        store.write(TreeAppender.append(Frontier.empty(), TreeAppenderTest.leafHashes(1000)).newNodes());
        AtomicInteger reads = new AtomicInteger();
        TreeProofs proofs = new TreeProofs(ids -> {
            reads.incrementAndGet();
            return store.read(ids);
        });

        proofs.root(999);
        proofs.inclusionProof(500, 999);
        proofs.consistencyProof(333, 999);

        assertThat(reads).hasValue(3);
    }

    @Test
    void should_not_read_at_all_when_the_proof_is_empty() {
        TreeProofs proofs = new TreeProofs(ids -> {
            throw new AssertionError("nothing to read");
        });

        assertThat(proofs.consistencyProof(0, 10)).isEmpty();
        assertThat(proofs.consistencyProof(10, 10)).isEmpty();
        assertThat(proofs.root(0)).isEqualTo(MerkleHash.emptyTree());
    }

    @Test
    void should_plan_a_logarithmic_number_of_complete_subtrees_inside_the_tree_even_for_huge_trees() {
        for (long size : new long[]{HUGE, HUGE + 1, Long.MAX_VALUE, 1L << 62}) {
            List<ProofPlan> plans = List.of(ProofPlanner.root(size), ProofPlanner.inclusion(size / 3, size),
                    ProofPlanner.inclusion(size - 1, size), ProofPlanner.consistency(size / 7, size),
                    ProofPlanner.consistency(size - 1, size));
            for (ProofPlan plan : plans) {
                assertThat(plan.nodeIds()).as("%s", plan).hasSizeLessThanOrEqualTo(2 * 63)
                        .doesNotHaveDuplicates()
                        .allSatisfy(id -> assertThat(id.firstLeaf() + id.leafCount() - 1).isLessThan(size));
            }
        }
    }

    @Test
    void should_refuse_to_plan_a_proof_of_a_leaf_outside_the_tree() {
        assertThatThrownBy(() -> ProofPlanner.inclusion(8, 8)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ProofPlanner.inclusion(0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ProofPlanner.inclusion(-1, 8)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void should_refuse_to_plan_a_consistency_proof_to_a_smaller_tree() {
        assertThatThrownBy(() -> ProofPlanner.consistency(9, 8)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ProofPlanner.consistency(-1, 8)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void should_fail_loudly_when_asked_about_a_size_the_store_has_not_reached() {
        InMemoryNodeStore store = new InMemoryNodeStore();
        store.write(TreeAppender.append(Frontier.empty(), TreeAppenderTest.leafHashes(5)).newNodes());

        assertThatThrownBy(() -> new TreeProofs(store).root(6)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("not stored");
    }
}
