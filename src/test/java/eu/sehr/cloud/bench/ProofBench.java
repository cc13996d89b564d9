package eu.sehr.cloud.bench;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import eu.sehr.cloud.transparency.log.NodeTable;
import eu.sehr.cloud.transparency.merkle.MerkleHash;
import eu.sehr.cloud.transparency.merkle.ProofVerifier;
import eu.sehr.cloud.transparency.merkle.TreeProofs;
import org.HdrHistogram.Histogram;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Proof serving in a big tree: builds a tree of {@code leaves} leaves in a {@code log_node} table of the service's
 * own PostgreSQL (a schema of its own, so the running log is untouched), bulk-inserted with COPY, then times the
 * log's real proof path ({@link TreeProofs} over {@link NodeTable}: planning, the one batched query, assembly) for
 * random inclusion and consistency proofs. Every 100th proof is also verified against the tree's root.
 */
final class ProofBench {

    private static final String SCHEMA = "logbench";
    private static final int COPY_BATCH_ROWS = 10_000;
    private static final int WARM_UP = 1_000;
    private static final int VERIFY_EVERY = 100;

    private final HikariDataSource service;
    private final long leaves;
    private final int samples;

    ProofBench(HikariDataSource service, long leaves, int samples) {
        this.service = service;
        this.leaves = leaves;
        this.samples = samples;
    }

    Report.Table run() throws Exception {
        Report.Table table = new Report.Table("Transparency log: proofs in a tree of " + String.format(Locale.ROOT, "%,d", leaves)
                + " leaves (PostgreSQL log_node)", "Measure", "Value");
        try {
            long begin = System.nanoTime();
            long rows = build();
            table.row("tree built (COPY of every complete subtree, then the primary key)",
                    String.format(Locale.ROOT, "%,d nodes in %.1f s", rows, (System.nanoTime() - begin) / 1e9));
            try (HikariDataSource bench = benchPool()) {
                TreeProofs proofs = new TreeProofs(new NodeTable(bench::getConnection));
                byte[] root = proofs.root(leaves);
                table.row("inclusion proof p50 / p99 / max (ms)", inclusion(proofs, root));
                table.row("consistency proof p50 / p99 / max (ms)", consistency(proofs, root));
            }
        } finally {
            execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
        }
        return table.note(samples + " proofs of each kind after " + WARM_UP + " to warm up, one client, random leaf indexes "
                        + "(inclusion in the full tree) and random old sizes (consistency with the full tree); the time of "
                        + "TreeProofs over NodeTable, what GET /log/proof/* runs, without the HTTP layer.")
                .note("Target: p99 under 10 ms.");
    }

    private long build() throws SQLException {
        execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
        execute("CREATE SCHEMA " + SCHEMA);
        execute("CREATE TABLE " + SCHEMA + ".log_node (LIKE log_node)");
        long rows = 0;
        System.err.printf("bench: building a tree of %,d leaves%n", leaves);
        try (Connection connection = service.getConnection()) {
            CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI()
                    .copyIn("COPY " + SCHEMA + ".log_node (level, idx, hash) FROM STDIN");
            try {
                byte[][] level = new byte[(int) leaves][];
                for (int i = 0; i < leaves; i++) {
                    level[i] = MerkleHash.leaf(leafBytes(i));
                }
                for (int height = 0; level.length > 0; height++) {
                    rows += write(copy, height, level);
                    byte[][] up = new byte[level.length / 2][];
                    for (int i = 0; i < up.length; i++) {
                        up[i] = MerkleHash.node(level[2 * i], level[2 * i + 1]);
                    }
                    level = up;
                }
                copy.endCopy();
            } finally {
                if (copy.isActive()) {
                    copy.cancelCopy();
                }
            }
        }
        execute("ALTER TABLE " + SCHEMA + ".log_node ADD PRIMARY KEY (level, idx)");
        execute("ANALYZE " + SCHEMA + ".log_node");
        return rows;
    }

    private static long write(CopyIn copy, int height, byte[][] hashes) throws SQLException {
        StringBuilder batch = new StringBuilder();
        HexFormat hex = HexFormat.of();
        for (int i = 0; i < hashes.length; i++) {
            batch.append(height).append('\t').append(i).append("\t\\\\x").append(hex.formatHex(hashes[i])).append('\n');
            if ((i + 1) % COPY_BATCH_ROWS == 0 || i == hashes.length - 1) {
                byte[] bytes = batch.toString().getBytes(StandardCharsets.US_ASCII);
                copy.writeToCopy(bytes, 0, bytes.length);
                batch.setLength(0);
            }
        }
        return hashes.length;
    }

    private String inclusion(TreeProofs proofs, byte[] root) {
        SplittableRandom random = new SplittableRandom(1);
        Histogram micros = new Histogram(3);
        for (int i = 0; i < WARM_UP + samples; i++) {
            long index = random.nextLong(leaves);
            long begin = System.nanoTime();
            List<byte[]> proof = proofs.inclusionProof(index, leaves);
            long took = (System.nanoTime() - begin) / 1000;
            if (i >= WARM_UP) {
                micros.recordValue(took);
            }
            if (i % VERIFY_EVERY == 0
                    && !ProofVerifier.inclusionIsValid(MerkleHash.leaf(leafBytes(index)), index, leaves, proof, root)) {
                throw new IllegalStateException("an inclusion proof of leaf " + index + " does not verify");
            }
        }
        return millis(micros);
    }

    private String consistency(TreeProofs proofs, byte[] root) {
        SplittableRandom random = new SplittableRandom(2);
        Histogram micros = new Histogram(3);
        for (int i = 0; i < WARM_UP + samples; i++) {
            long from = 1 + random.nextLong(leaves - 1);
            long begin = System.nanoTime();
            List<byte[]> proof = proofs.consistencyProof(from, leaves);
            long took = (System.nanoTime() - begin) / 1000;
            if (i >= WARM_UP) {
                micros.recordValue(took);
            }
            if (i % VERIFY_EVERY == 0 && !ProofVerifier.consistencyIsValid(from, proofs.root(from), leaves, root, proof)) {
                throw new IllegalStateException("a consistency proof from " + from + " does not verify");
            }
        }
        return millis(micros);
    }

    private static String millis(Histogram micros) {
        return String.format(Locale.ROOT, "%.2f / %.2f / %.2f", micros.getValueAtPercentile(50) / 1000.0,
                micros.getValueAtPercentile(99) / 1000.0, micros.getMaxValue() / 1000.0);
    }

    private static byte[] leafBytes(long index) {
        return ("{\"bench\":" + index + "}").getBytes(StandardCharsets.UTF_8);
    }

    /** A small pool whose connections resolve {@code log_node} to the bench's schema. */
    private HikariDataSource benchPool() {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(service.getJdbcUrl() + (service.getJdbcUrl().contains("?") ? "&" : "?") + "currentSchema=" + SCHEMA);
        config.setUsername(service.getUsername());
        config.setPassword(service.getPassword());
        config.setMaximumPoolSize(2);
        return new HikariDataSource(config);
    }

    private void execute(String sql) throws SQLException {
        try (Connection connection = service.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
