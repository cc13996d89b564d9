package eu.sehr.cloud.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import javax.sql.DataSource;

import org.HdrHistogram.Histogram;

/**
 * Samples the transparency log's lag behind the event store at a fixed rate, read from the stores with SQL:
 * <ul>
 *   <li>sequencing lag: the age of the oldest event that is not a leaf yet;</li>
 *   <li>checkpoint lag: the age of the oldest event not covered by the latest signed checkpoint (not a leaf yet, or
 *       a leaf beyond the checkpoint's size), what the maximum merge delay bounds.</li>
 * </ul>
 * Ages are against the events' stored timestamps; 0 when nothing is waiting.
 */
final class LogLagSampler {

    private static final String OLDEST_NOT_A_LEAF = "SELECT timeStamp FROM domainEventEntry WHERE globalIndex > "
            + "(SELECT coalesce(max(global_index), -1) FROM log_leaf) ORDER BY globalIndex LIMIT 1";
    private static final String OLDEST_LEAF_NOT_CHECKPOINTED = "SELECT e.timeStamp FROM log_leaf l "
            + "JOIN domainEventEntry e ON e.eventIdentifier = l.event_id "
            + "WHERE l.leaf_index = (SELECT coalesce(max(tree_size), 0) FROM log_checkpoint)";

    /** The two distributions, in milliseconds. */
    record Result(Histogram sequencing, Histogram checkpoint, long failures, String firstFailure) {

        String sequencingSeconds() {
            return FixedRateSampling.summary(sequencing, 1000, "%.2f", firstFailure);
        }

        String checkpointSeconds() {
            return FixedRateSampling.summary(checkpoint, 1000, "%.2f", firstFailure);
        }

    }

    private final DataSource dataSource;
    private final Histogram sequencing = new Histogram(3);
    private final Histogram checkpoint = new Histogram(3);
    private final FixedRateSampling sampling;

    private LogLagSampler(DataSource dataSource, Duration every) {
        this.dataSource = dataSource;
        this.sampling = FixedRateSampling.start("bench-log-lag-sampler", every, this::sample);
    }

    static LogLagSampler start(DataSource dataSource, Duration every) {
        return new LogLagSampler(dataSource, every);
    }

    Result stop() throws InterruptedException {
        sampling.stop();
        synchronized (this) {
            return new Result(sequencing.copy(), checkpoint.copy(), sampling.failures(), sampling.firstFailure());
        }
    }

    /** The checkpoint lag now (0 when the latest checkpoint covers every stored event). */
    Duration checkpointLagNow() {
        try (Connection connection = dataSource.getConnection()) {
            Instant now = Instant.now();
            Optional<Instant> notLeaf = oldest(connection, OLDEST_NOT_A_LEAF);
            Optional<Instant> notCheckpointed = oldest(connection, OLDEST_LEAF_NOT_CHECKPOINTED);
            return age(now, notCheckpointed.isPresent() ? notCheckpointed : notLeaf);
        } catch (SQLException e) {
            throw new IllegalStateException("the log's lag cannot be read", e);
        }
    }

    private void sample() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            Instant now = Instant.now();
            Optional<Instant> notLeaf = oldest(connection, OLDEST_NOT_A_LEAF);
            Optional<Instant> notCheckpointed = oldest(connection, OLDEST_LEAF_NOT_CHECKPOINTED);
            synchronized (this) {
                sequencing.recordValue(age(now, notLeaf).toMillis());
                checkpoint.recordValue(age(now, notCheckpointed.isPresent() ? notCheckpointed : notLeaf).toMillis());
            }
        }
    }

    private static Optional<Instant> oldest(Connection connection, String sql) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql); ResultSet rows = statement.executeQuery()) {
            return rows.next() ? Optional.of(Instant.parse(rows.getString(1))) : Optional.empty();
        }
    }

    private static Duration age(Instant now, Optional<Instant> oldest) {
        return oldest.map(at -> Duration.between(at, now)).filter(age -> !age.isNegative()).orElse(Duration.ZERO);
    }
}
