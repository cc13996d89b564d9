package eu.sehr.cloud.audit.compliance;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import javax.sql.DataSource;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import eu.sehr.cloud.infra.StoreUnavailableException;
import eu.sehr.cloud.infra.Times;
import eu.sehr.cloud.transparency.log.EventNames;
import org.postgresql.PGStatement;

/**
 * Reads the event store's rows in order through a database cursor, so any number of events passes in constant
 * memory. Rows are decoded from the stored JSON, independent of the Java classes that wrote them.
 */
public final class EventStoreReader {

    private static final int FETCH_SIZE = 1000;
    private static final int FORCE_BINARY_TRANSFER = -1;
    private static final TypeReference<Map<String, Object>> META_DATA = new TypeReference<>() {
    };

    private static final String SELECT_EVENTS = "SELECT e.globalIndex, h.username, e.aggregateIdentifier, e.type, "
            + "e.sequenceNumber, e.payloadType, e.timeStamp, e.metaData, e.payload FROM domainEventEntry e "
            + "LEFT JOIN account_history h ON h.account_id = e.aggregateIdentifier WHERE 1 = 1";

    private final DataSource dataSource;
    private final ObjectMapper mapper;
    private final EventNames names = new EventNames();

    public EventStoreReader(DataSource dataSource, ObjectMapper mapper) {
        this.dataSource = dataSource;
        this.mapper = mapper;
    }

    /** An open cursor over the events that match; the caller closes it. */
    public Cursor open(EventFilter filter) {
        List<Object> parameters = new ArrayList<>();
        String where = where(filter, parameters);
        return new Cursor(SELECT_EVENTS + where + " ORDER BY e.globalIndex", parameters, null);
    }

    /**
     * As {@link #open}, and with {@link Cursor#accounts()}: the accounts whose streams the cursor returns events of,
     * read before the events in the same snapshot of the store (so an event appended meanwhile is in neither).
     */
    public Cursor openExport(EventFilter filter) {
        List<Object> parameters = new ArrayList<>();
        String where = where(filter, parameters);
        return new Cursor(SELECT_EVENTS + where + " ORDER BY e.globalIndex", parameters,
                "SELECT DISTINCT e.aggregateIdentifier FROM domainEventEntry e LEFT JOIN account_history h "
                        + "ON h.account_id = e.aggregateIdentifier WHERE e.type IS NOT NULL" + where);
    }

    private String where(EventFilter filter, List<Object> parameters) {
        StringBuilder sql = new StringBuilder();
        if (filter.citizen() != null) {
            sql.append(" AND h.username = ?");
            parameters.add(filter.citizen());
        }
        if (filter.after() != null) {
            sql.append(" AND e.globalIndex > ?");
            parameters.add(filter.after());
        }
        if (filter.from() != null) {
            sql.append(" AND e.timeStamp >= ?");
            parameters.add(Times.iso(filter.from()));
        }
        if (filter.to() != null) {
            sql.append(" AND e.timeStamp <= ?");
            parameters.add(Times.iso(filter.to()));
        }
        if (filter.type() != null) {
            // rows stored under the stable name, and older ones under the (current or former) class name
            sql.append(" AND e.payloadType = ANY (?)");
            parameters.add(names.storedTypesOf(filter.type()).toArray(String[]::new));
        }
        return sql.toString();
    }

    /** Every event of one account, in sequence order, without the citizen's username (the caller knows the account). */
    public void forEachOfAccount(String accountId, Consumer<StoredEvent> consumer) {
        try (Cursor cursor = new Cursor("SELECT globalIndex, NULL, aggregateIdentifier, type, sequenceNumber, payloadType, "
                + "timeStamp, metaData, payload FROM domainEventEntry WHERE aggregateIdentifier = ? ORDER BY sequenceNumber",
                List.of(accountId), null)) {
            for (StoredEvent event = cursor.next(); event != null; event = cursor.next()) {
                consumer.accept(event);
            }
        }
    }

    /** The accounts that ever bore the username, oldest first. */
    public List<String> accountsOf(String username) {
        List<String> accounts = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(
                     "SELECT account_id FROM account_history WHERE username = ? ORDER BY registered_at")) {
            statement.setString(1, username);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    accounts.add(rows.getString(1));
                }
            }
            return accounts;
        } catch (SQLException e) {
            throw new StoreUnavailableException("the event store is unavailable", e);
        }
    }

    /** Every username that ever had an account. */
    public List<String> usernames() {
        List<String> usernames = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(
                     "SELECT DISTINCT username FROM account_history ORDER BY username");
             ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                usernames.add(rows.getString(1));
            }
            return usernames;
        } catch (SQLException e) {
            throw new StoreUnavailableException("the event store is unavailable", e);
        }
    }

    /** When the first event after the position was appended, if there is one. */
    public Optional<Instant> appendedAfter(long position) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(
                     "SELECT timeStamp FROM domainEventEntry WHERE globalIndex > ? ORDER BY globalIndex LIMIT 1")) {
            statement.setLong(1, position);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? Optional.of(Instant.parse(rows.getString(1))) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new StoreUnavailableException("the event store is unavailable", e);
        }
    }

    public long headPosition() {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement("SELECT coalesce(max(globalIndex), 0) FROM domainEventEntry");
             ResultSet rows = statement.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        } catch (SQLException e) {
            throw new StoreUnavailableException("the event store is unavailable", e);
        }
    }

    /** A server-side cursor; {@link #next()} answers null at the end. */
    public final class Cursor implements AutoCloseable {
        private final Connection connection;
        private final PreparedStatement statement;
        private final ResultSet rows;
        private final List<String> accounts = new ArrayList<>();
        private final int isolation;

        private Cursor(String sql, List<Object> parameters, String accountsSql) {
            try {
                connection = dataSource.getConnection();
                isolation = connection.getTransactionIsolation();
                connection.setAutoCommit(false);
                if (accountsSql != null) {
                    connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
                    try (PreparedStatement accountsOf = prepare(accountsSql, parameters);
                         ResultSet accountRows = accountsOf.executeQuery()) {
                        while (accountRows.next()) {
                            accounts.add(accountRows.getString(1));
                        }
                    }
                }
                statement = prepare(sql, parameters);
                // binary rows from the first execution: bytea arrives as bytes, not as hex text twice its size
                statement.unwrap(PGStatement.class).setPrepareThreshold(FORCE_BINARY_TRANSFER);
                statement.setFetchSize(FETCH_SIZE);
                rows = statement.executeQuery();
            } catch (SQLException e) {
                close();
                throw new StoreUnavailableException("the event store is unavailable", e);
            }
        }

        private PreparedStatement prepare(String sql, List<Object> parameters) throws SQLException {
            PreparedStatement prepared = connection.prepareStatement(sql);
            for (int i = 0; i < parameters.size(); i++) {
                Object parameter = parameters.get(i);
                prepared.setObject(i + 1, parameter instanceof String[] values
                        ? connection.createArrayOf("varchar", values) : parameter);
            }
            return prepared;
        }

        /** The accounts whose events the cursor returns (only for a cursor of {@link #openExport}). */
        public List<String> accounts() {
            return List.copyOf(accounts);
        }

        public StoredEvent next() {
            try {
                if (!rows.next()) {
                    return null;
                }
                boolean ofAccount = rows.getString(4) != null;
                return new StoredEvent(rows.getLong(1), rows.getString(2), ofAccount ? rows.getString(3) : null,
                        ofAccount ? rows.getLong(5) : null, rows.getString(6), rows.getString(7),
                        mapper.readValue(rows.getBytes(8), META_DATA), mapper.readTree(rows.getBytes(9)));
            } catch (SQLException | IOException e) {
                throw new StoreUnavailableException("the event store is unavailable", e);
            }
        }

        @Override
        public void close() {
            closeQuietly(rows);
            closeQuietly(statement);
            if (connection != null) {
                try {
                    connection.rollback();
                    connection.setTransactionIsolation(isolation);
                    connection.setAutoCommit(true);
                } catch (SQLException ignored) {
                    // the connection is closed below either way
                }
                closeQuietly(connection);
            }
        }

        private void closeQuietly(AutoCloseable resource) {
            try {
                if (resource != null) {
                    resource.close();
                }
            } catch (Exception ignored) {
                // nothing more to release
            }
        }
    }

}
