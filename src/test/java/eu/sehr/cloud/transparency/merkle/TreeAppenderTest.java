package eu.sehr.cloud.transparency.merkle;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TreeAppenderTest {

    @Test
    void should_produce_the_same_nodes_and_frontier_whether_leaves_come_one_by_one_or_in_batches() {
        List<byte[]> leaves = leafHashes(1000);
        List<StoredNode> oneByOne = new ArrayList<>();
        Frontier frontier = Frontier.empty();
        for (byte[] leaf : leaves) {
            TreeAppender.Appended appended = TreeAppender.append(frontier, List.of(leaf));
            oneByOne.addAll(appended.newNodes());
            frontier = appended.frontier();
        }

        TreeAppender.Appended first = TreeAppender.append(Frontier.empty(), leaves.subList(0, 333));
        TreeAppender.Appended rest = TreeAppender.append(first.frontier(), leaves.subList(333, 1000));
        List<StoredNode> batched = new ArrayList<>(first.newNodes());
        batched.addAll(rest.newNodes());

        assertThat(batched).containsExactlyElementsOf(oneByOne);
        assertThat(rest.frontier()).isEqualTo(frontier);
    }

    @Test
    void should_store_every_complete_subtree_exactly_once() {
        for (int size : new int[]{1, 2, 3, 7, 8, 9, 100, 1023, 1024, 1025}) {
            List<StoredNode> nodes = TreeAppender.append(Frontier.empty(), leafHashes(size)).newNodes();
            Set<NodeId> ids = new HashSet<>();
            nodes.forEach(node -> ids.add(node.id()));

            assertThat(ids).as("distinct nodes of %d", size).hasSize(nodes.size());
            assertThat(nodes).as("nodes of %d", size).hasSize(2 * size - Integer.bitCount(size));
            assertThat(ids).allSatisfy(id -> assertThat(id.firstLeaf() + id.leafCount()).isLessThanOrEqualTo(size));
        }
    }

    @Test
    void should_complete_at_most_one_subtree_per_level_for_one_leaf() {
        List<byte[]> leaves = leafHashes(1);
        Frontier fullLeftTree = TreeAppender.append(Frontier.empty(), leafHashes(4095)).frontier();

        List<StoredNode> nodes = TreeAppender.append(fullLeftTree, leaves).newNodes();

        assertThat(nodes).extracting(StoredNode::id).extracting(NodeId::level)
                .containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12);
    }

    @Test
    void should_rebuild_the_same_frontier_from_the_stored_nodes_of_any_size() {
        InMemoryNodeStore store = new InMemoryNodeStore();
        Frontier frontier = Frontier.empty();
        for (byte[] leaf : leafHashes(300)) {
            TreeAppender.Appended appended = TreeAppender.append(frontier, List.of(leaf));
            store.write(appended.newNodes());
            frontier = appended.frontier();
            long size = frontier.size();

            assertThat(Frontier.of(size, store.read(Frontier.nodeIds(size)))).isEqualTo(frontier);
        }
    }

    @Test
    void should_refuse_a_leaf_hash_of_the_wrong_length() {
        assertThatThrownBy(() -> TreeAppender.append(Frontier.empty(), List.of(new byte[31])))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void should_refuse_a_frontier_whose_hash_count_does_not_match_its_size() {
        assertThatThrownBy(() -> Frontier.of(3, List.of(new byte[32])))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2 frontier hashes");
    }

    @Test
    void should_refuse_to_overwrite_a_stored_node_with_another_hash() {
        InMemoryNodeStore store = new InMemoryNodeStore();
        store.write(List.of(new StoredNode(new NodeId(0, 0), new byte[32])));
        byte[] other = new byte[32];
        other[0] = 1;

        assertThatThrownBy(() -> store.write(List.of(new StoredNode(new NodeId(0, 0), other))))
                .isInstanceOf(IllegalStateException.class);
    }

    static List<byte[]> leafHashes(int count) {
        List<byte[]> hashes = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            hashes.add(MerkleHash.leaf(ByteBuffer.allocate(4).putInt(i).array()));
        }
        return hashes;
    }
}
