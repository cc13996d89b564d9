package eu.sehr.cloud.transparency.log;

import java.util.List;
import java.util.Optional;

import eu.sehr.cloud.infra.Sql;

/**
 * Signed checkpoints and their witness cosignatures in PostgreSQL, so every replica serves the same latest one.
 * A size is signed once: two replicas signing the same size produce the same note (Ed25519 is deterministic), and
 * the second insert changes nothing.
 */
public final class CheckpointTable {

    private final Sql sql;

    public CheckpointTable(Sql sql) {
        this.sql = sql;
    }

    public Optional<StoredCheckpoint> latest() {
        return sql.first("SELECT tree_size, root_hash, note FROM log_checkpoint ORDER BY tree_size DESC LIMIT 1",
                statement -> {
                }, row -> new StoredCheckpoint(row.getLong(1), row.getBytes(2), row.getString(3)));
    }

    public void insert(StoredCheckpoint checkpoint) {
        sql.update("INSERT INTO log_checkpoint (tree_size, root_hash, note, signed_at) VALUES (?, ?, ?, now()) "
                + "ON CONFLICT (tree_size) DO NOTHING", statement -> {
                    statement.setLong(1, checkpoint.size());
                    statement.setBytes(2, checkpoint.rootHash());
                    statement.setString(3, checkpoint.note());
                });
    }

    /** The cosignature lines (with their newline) that witnesses gave the checkpoint of this size. */
    public List<String> cosignatures(long size) {
        return sql.list("SELECT line FROM log_cosignature WHERE tree_size = ? ORDER BY witness",
                statement -> statement.setLong(1, size), row -> row.getString(1));
    }

    public void addCosignature(long size, String witness, String line) {
        sql.update("INSERT INTO log_cosignature (tree_size, witness, line) VALUES (?, ?, ?) "
                + "ON CONFLICT (tree_size, witness) DO UPDATE SET line = EXCLUDED.line", statement -> {
                    statement.setLong(1, size);
                    statement.setString(2, witness);
                    statement.setString(3, line);
                });
    }
}
