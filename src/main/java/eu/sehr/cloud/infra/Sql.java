package eu.sehr.cloud.infra;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.axonframework.common.jdbc.ConnectionProvider;

/**
 * Small JDBC statements over a connection provider that joins the current transaction, if any. Integrity
 * violations surface as {@link ConstraintViolation}, refused values as {@link InvalidValue}, any other SQL failure
 * as {@link StoreUnavailableException}.
 */
public final class Sql {

    private final ConnectionProvider connections;

    public Sql(ConnectionProvider connections) {
        this.connections = connections;
    }

    @FunctionalInterface
    public interface Binder {
        void bind(PreparedStatement statement) throws SQLException;
    }

    @FunctionalInterface
    public interface RowMapper<T> {
        T map(ResultSet row) throws SQLException;
    }

    public int update(String sql, Binder binder) {
        try (Connection connection = connections.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            binder.bind(statement);
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw translate(e);
        }
    }

    public <T> List<T> list(String sql, Binder binder, RowMapper<T> mapper) {
        try (Connection connection = connections.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            binder.bind(statement);
            try (ResultSet rows = statement.executeQuery()) {
                List<T> results = new ArrayList<>();
                while (rows.next()) {
                    results.add(mapper.map(rows));
                }
                return results;
            }
        } catch (SQLException e) {
            throw translate(e);
        }
    }

    public <T> Optional<T> first(String sql, Binder binder, RowMapper<T> mapper) {
        return list(sql, binder, mapper).stream().findFirst();
    }

    public void execute(String script) {
        try (Connection connection = connections.getConnection();
             var statement = connection.createStatement()) {
            statement.execute(script);
        } catch (SQLException e) {
            throw translate(e);
        }
    }

    private static RuntimeException translate(SQLException e) {
        String state = e.getSQLState();
        if (state != null && state.startsWith("23")) {
            return new ConstraintViolation(e);
        }
        if (state != null && state.startsWith("22")) {
            return new InvalidValue(e);
        }
        return new StoreUnavailableException("the database is unavailable", e);
    }

    /** The database refused a value (too long, malformed): the input's fault, not the database's. */
    public static final class InvalidValue extends RuntimeException {
        InvalidValue(SQLException cause) {
            super("a value was refused by the database", cause);
        }
    }

    /** A unique key or other integrity rule refused the write. */
    public static final class ConstraintViolation extends RuntimeException {
        ConstraintViolation(SQLException cause) {
            super("integrity constraint violated", cause);
        }
    }
}
