package eu.sehr.cloud.transparency.merkle;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link NodeReader} over a map in memory: the reference store for tests, and a model of what the database
 * store must do (refuse to overwrite a stored node with a different hash, fail loudly on a missing one).
 */
public final class InMemoryNodeStore implements NodeReader {

    private final Map<NodeId, byte[]> hashes = new ConcurrentHashMap<>();

    /** Stores nodes; storing the same node twice with the same hash is harmless, with another hash is refused. */
    public void write(Collection<StoredNode> nodes) {
        for (StoredNode node : nodes) {
            byte[] previous = hashes.putIfAbsent(node.id(), node.hash());
            if (previous != null && !Arrays.equals(previous, node.hash())) {
                throw new IllegalStateException("node " + node.id() + " is already stored with another hash");
            }
        }
    }

    @Override
    public List<byte[]> read(List<NodeId> ids) {
        List<byte[]> result = new ArrayList<>(ids.size());
        for (NodeId id : ids) {
            byte[] hash = hashes.get(id);
            if (hash == null) {
                throw new IllegalStateException("node " + id + " is not stored");
            }
            result.add(hash.clone());
        }
        return result;
    }

    /** How many nodes are stored. */
    public int size() {
        return hashes.size();
    }
}
