package eu.sehr.cloud.infra.axon;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.ConnectionWrapperFactory;
import org.axonframework.common.jdbc.JdbcException;
import org.axonframework.common.transaction.Transaction;
import org.axonframework.common.transaction.TransactionManager;

/**
 * Plain JDBC transactions for Axon without Spring: a transaction binds one connection to the current thread, and
 * every {@link #getConnection()} on that thread joins it, so a command's event append and the tables that its
 * handlers keep in step commit or roll back together. Outside a transaction, connections auto-commit.
 */
public final class JdbcTransactions implements TransactionManager, ConnectionProvider {

    private final DataSource dataSource;
    private final ThreadLocal<Connection> bound = new ThreadLocal<>();

    public JdbcTransactions(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public Connection getConnection() throws SQLException {
        Connection connection = bound.get();
        if (connection != null) {
            return ConnectionWrapperFactory.wrap(connection, new ConnectionWrapperFactory.NoOpCloseHandler());
        }
        return dataSource.getConnection();
    }

    @Override
    public Transaction startTransaction() {
        if (bound.get() != null) {
            return JOINED;
        }
        try {
            Connection connection = dataSource.getConnection();
            connection.setAutoCommit(false);
            bound.set(connection);
            return new Outermost(connection);
        } catch (SQLException e) {
            throw new JdbcException("cannot start a transaction", e);
        }
    }

    private static final Transaction JOINED = new Transaction() {
        @Override
        public void commit() {
            // the outermost transaction commits
        }

        @Override
        public void rollback() {
            // the outermost transaction rolls back; the exception that caused this reaches it
        }
    };

    private final class Outermost implements Transaction {
        private final Connection connection;

        private Outermost(Connection connection) {
            this.connection = connection;
        }

        @Override
        public void commit() {
            finish(true);
        }

        @Override
        public void rollback() {
            finish(false);
        }

        private void finish(boolean commit) {
            bound.remove();
            try (connection) {
                if (commit) {
                    connection.commit();
                } else {
                    connection.rollback();
                }
                connection.setAutoCommit(true);
            } catch (SQLException e) {
                throw new JdbcException(commit ? "commit failed" : "rollback failed", e);
            }
        }
    }
}
