package eu.sehr.cloud.transparency.log;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import eu.sehr.cloud.infra.StoreUnavailableException;
import eu.sehr.cloud.transparency.merkle.NodeId;
import eu.sehr.cloud.transparency.merkle.NodeReader;
import eu.sehr.cloud.transparency.merkle.StoredNode;
import org.axonframework.common.jdbc.ConnectionProvider;

/**
 * The tree's complete subtrees in PostgreSQL ({@code log_node}, keyed by level and index): any set of nodes is read
 * in one query by primary key, so a root or a proof costs one round trip and {@code O(log n)} rows. Rows are only
 * ever inserted; an insert over an existing node fails (the sequencer's transaction then rolls back).
 */
public final class NodeTable implements NodeReader {

    private final ConnectionProvider connections;

    public NodeTable(ConnectionProvider connections) {
        this.connections = connections;
    }

    @Override
    public List<byte[]> read(List<NodeId> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        Map<NodeId, byte[]> found = new HashMap<>();
        try (Connection connection = connections.getConnection();
             PreparedStatement statement = connection.prepareStatement("SELECT n.level, n.idx, n.hash FROM log_node n "
                     + "JOIN unnest(?::smallint[], ?::bigint[]) AS wanted(level, idx) "
                     + "ON n.level = wanted.level AND n.idx = wanted.idx")) {
            statement.setArray(1, connection.createArrayOf("smallint", ids.stream().map(id -> (short) id.level()).toArray()));
            statement.setArray(2, connection.createArrayOf("bigint", ids.stream().map(NodeId::index).toArray()));
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    found.put(new NodeId(rows.getShort(1), rows.getLong(2)), rows.getBytes(3));
                }
            }
        } catch (SQLException e) {
            throw new StoreUnavailableException("the log's node store is unavailable", e);
        }
        List<byte[]> hashes = new ArrayList<>(ids.size());
        for (NodeId id : ids) {
            byte[] hash = found.get(id);
            if (hash == null) {
                throw new IllegalStateException("node " + id + " of the log is not stored");
            }
            hashes.add(hash);
        }
        return hashes;
    }

    /** Inserts new nodes (in the caller's transaction). */
    public void insert(List<StoredNode> nodes) {
        if (nodes.isEmpty()) {
            return;
        }
        try (Connection connection = connections.getConnection();
             PreparedStatement statement = connection.prepareStatement("INSERT INTO log_node (level, idx, hash) "
                     + "SELECT * FROM unnest(?::smallint[], ?::bigint[], ?::bytea[])")) {
            statement.setArray(1, connection.createArrayOf("smallint", nodes.stream().map(n -> (short) n.id().level()).toArray()));
            statement.setArray(2, connection.createArrayOf("bigint", nodes.stream().map(n -> n.id().index()).toArray()));
            Array hashes = connection.createArrayOf("bytea", nodes.stream().map(StoredNode::hash).toArray(byte[][]::new));
            statement.setArray(3, hashes);
            statement.executeUpdate();
        } catch (SQLException e) {
            throw new StoreUnavailableException("the log's node store is unavailable", e);
        }
    }
}
