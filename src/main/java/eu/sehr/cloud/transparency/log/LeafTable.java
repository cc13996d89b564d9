package eu.sehr.cloud.transparency.log;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import eu.sehr.cloud.infra.StoreUnavailableException;
import org.axonframework.common.jdbc.ConnectionProvider;

/**
 * The log's leaves ({@code log_leaf}) and their links to the other accounts they name ({@code log_leaf_account}):
 * written by the sequencer, read by the citizen log and the checks.
 */
public final class LeafTable {

    private static final String COLUMNS = "leaf_index, event_id, global_index, account_id, leaf";

    private final ConnectionProvider connections;

    public LeafTable(ConnectionProvider connections) {
        this.connections = connections;
    }

    /** Which of these events are leaves already. */
    public Set<String> alreadyLogged(List<String> eventIds) {
        Set<String> logged = new HashSet<>();
        if (eventIds.isEmpty()) {
            return logged;
        }
        try (Connection connection = connections.getConnection();
             PreparedStatement statement = connection.prepareStatement(
                     "SELECT event_id FROM log_leaf WHERE event_id = ANY (?::varchar[])")) {
            statement.setArray(1, connection.createArrayOf("varchar", eventIds.toArray()));
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    logged.add(rows.getString(1));
                }
            }
            return logged;
        } catch (SQLException e) {
            throw new StoreUnavailableException("the log is unavailable", e);
        }
    }

    /** Inserts leaves (in the caller's transaction). */
    public void insert(List<LeafRow> leaves) {
        if (leaves.isEmpty()) {
            return;
        }
        try (Connection connection = connections.getConnection();
             PreparedStatement statement = connection.prepareStatement("INSERT INTO log_leaf (" + COLUMNS + ", appended_at) "
                     + "SELECT *, now() FROM unnest(?::bigint[], ?::varchar[], ?::bigint[], ?::varchar[], ?::bytea[])")) {
            statement.setArray(1, connection.createArrayOf("bigint", leaves.stream().map(LeafRow::index).toArray()));
            statement.setArray(2, connection.createArrayOf("varchar", leaves.stream().map(LeafRow::eventId).toArray()));
            statement.setArray(3, connection.createArrayOf("bigint", leaves.stream().map(LeafRow::globalIndex).toArray()));
            statement.setArray(4, connection.createArrayOf("varchar", leaves.stream().map(LeafRow::account).toArray()));
            statement.setArray(5, connection.createArrayOf("bytea", leaves.stream().map(LeafRow::leaf).toArray(byte[][]::new)));
            statement.executeUpdate();
        } catch (SQLException e) {
            throw new StoreUnavailableException("the log is unavailable", e);
        }
    }

    /** A leaf's link to an account it names besides its own. */
    public record Link(String account, long index) {
    }

    /** Inserts links of leaves to the other accounts they name (in the caller's transaction). */
    public void insertLinks(List<Link> links) {
        if (links.isEmpty()) {
            return;
        }
        try (Connection connection = connections.getConnection();
             PreparedStatement statement = connection.prepareStatement("INSERT INTO log_leaf_account (account_id, leaf_index) "
                     + "SELECT * FROM unnest(?::varchar[], ?::bigint[])")) {
            statement.setArray(1, connection.createArrayOf("varchar", links.stream().map(Link::account).toArray()));
            statement.setArray(2, connection.createArrayOf("bigint", links.stream().map(Link::index).toArray()));
            statement.executeUpdate();
        } catch (SQLException e) {
            throw new StoreUnavailableException("the log is unavailable", e);
        }
    }

    /**
     * The leaves about an account (its own, and those linked to it) with an index in {@code (after, before)}, oldest
     * first, at most {@code limit}.
     */
    public List<LeafRow> ofAccount(String account, long after, long before, int limit) {
        return list("SELECT " + COLUMNS + " FROM log_leaf WHERE leaf_index IN ("
                + "(SELECT leaf_index FROM log_leaf WHERE account_id = ? AND leaf_index > ? AND leaf_index < ? "
                + "ORDER BY leaf_index LIMIT ?) UNION ALL "
                + "(SELECT leaf_index FROM log_leaf_account WHERE account_id = ? AND leaf_index > ? AND leaf_index < ? "
                + "ORDER BY leaf_index LIMIT ?)) ORDER BY leaf_index LIMIT ?", statement -> {
                    for (int part = 0; part < 2; part++) {
                        statement.setString(1 + 4 * part, account);
                        statement.setLong(2 + 4 * part, after);
                        statement.setLong(3 + 4 * part, before);
                        statement.setInt(4 + 4 * part, limit);
                    }
                    statement.setInt(9, limit);
                });
    }

    /** The leaves with an index in {@code [from, to)}, in order. */
    public List<LeafRow> range(long from, long to) {
        return list("SELECT " + COLUMNS + " FROM log_leaf WHERE leaf_index >= ? AND leaf_index < ? ORDER BY leaf_index",
                statement -> {
                    statement.setLong(1, from);
                    statement.setLong(2, to);
                });
    }

    private interface Binder {
        void bind(PreparedStatement statement) throws SQLException;
    }

    private List<LeafRow> list(String sql, Binder binder) {
        try (Connection connection = connections.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            binder.bind(statement);
            List<LeafRow> leaves = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    leaves.add(new LeafRow(rows.getLong(1), rows.getString(2), rows.getLong(3), rows.getString(4),
                            rows.getBytes(5)));
                }
            }
            return leaves;
        } catch (SQLException e) {
            throw new StoreUnavailableException("the log is unavailable", e);
        }
    }
}
