package eu.sehr.cloud.support;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/** Reads the event store's rows straight from PostgreSQL, as a compliance officer's tool would. */
public final class EventRows {

    private final DataSource dataSource;

    public EventRows(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public record Row(long globalIndex, String aggregate, long sequence, String type, String payload, String metaData) {
        public String simpleType() {
            return type.substring(type.lastIndexOf('$') + 1);
        }
    }

    public List<Row> forAggregate(String aggregateId) {
        return query("SELECT globalIndex, aggregateIdentifier, sequenceNumber, payloadType, payload, metaData "
                + "FROM domainEventEntry WHERE aggregateIdentifier = ? ORDER BY sequenceNumber", aggregateId);
    }

    public List<Row> all() {
        return query("SELECT globalIndex, aggregateIdentifier, sequenceNumber, payloadType, payload, metaData "
                + "FROM domainEventEntry ORDER BY globalIndex", null);
    }

    public String accountIdOf(String username) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(
                     "SELECT account_id FROM account_history WHERE username = ? ORDER BY registered_at DESC")) {
            statement.setString(1, username);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? rows.getString(1) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<Row> query(String sql, String parameter) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            if (parameter != null) {
                statement.setString(1, parameter);
            }
            List<Row> rows = new ArrayList<>();
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    rows.add(new Row(result.getLong(1), result.getString(2), result.getLong(3), result.getString(4),
                            new String(result.getBytes(5), StandardCharsets.UTF_8),
                            new String(result.getBytes(6), StandardCharsets.UTF_8)));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
