package eu.sehr.cloud.transparency.log;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import eu.sehr.cloud.transparency.merkle.Frontier;
import eu.sehr.cloud.transparency.merkle.MerkleHash;
import eu.sehr.cloud.transparency.merkle.TreeAppender;

/**
 * Appends a batch of leaves to the stored tree, in the caller's transaction: locks the head row, reads the
 * frontier (one query), writes the leaves, their links to the other accounts they name, the subtrees they complete
 * and the new size. An event that is a leaf
 * already is skipped, so a batch delivered twice appends nothing twice.
 */
public final class LeafAppender {

    private final TreeHead head;
    private final LeafTable leaves;
    private final NodeTable nodes;

    public LeafAppender(TreeHead head, LeafTable leaves, NodeTable nodes) {
        this.head = head;
        this.leaves = leaves;
        this.nodes = nodes;
    }

    /** The tree size after the append. */
    public long append(List<PendingLeaf> batch) {
        long size = head.lockedSize();
        Set<String> skip = new HashSet<>(leaves.alreadyLogged(batch.stream().map(PendingLeaf::eventId).toList()));
        List<LeafRow> rows = new ArrayList<>();
        List<byte[]> hashes = new ArrayList<>();
        List<LeafTable.Link> links = new ArrayList<>();
        for (PendingLeaf leaf : batch) {
            if (skip.add(leaf.eventId())) {
                long index = size + rows.size();
                rows.add(new LeafRow(index, leaf.eventId(), leaf.globalIndex(), leaf.account(), leaf.leaf()));
                hashes.add(MerkleHash.leaf(leaf.leaf()));
                leaf.linkedAccounts().forEach(account -> links.add(new LeafTable.Link(account, index)));
            }
        }
        if (rows.isEmpty()) {
            return size;
        }
        Frontier frontier = Frontier.of(size, nodes.read(Frontier.nodeIds(size)));
        TreeAppender.Appended appended = TreeAppender.append(frontier, hashes);
        leaves.insert(rows);
        leaves.insertLinks(links);
        nodes.insert(appended.newNodes());
        head.update(appended.frontier().size());
        return appended.frontier().size();
    }
}
