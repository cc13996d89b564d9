package eu.sehr.cloud.transparency.log;

import eu.sehr.cloud.infra.Sql;

/** The tree's size ({@code log_head}, one row): locked by the sequencer while it appends. */
public final class TreeHead {

    private final Sql sql;

    public TreeHead(Sql sql) {
        this.sql = sql;
    }

    /** The size, with the row locked until the caller's transaction ends: no other appender runs meanwhile. */
    public long lockedSize() {
        return sql.first("SELECT tree_size FROM log_head WHERE id = 1 FOR UPDATE", statement -> {
        }, row -> row.getLong(1)).orElseThrow(() -> new IllegalStateException("the log has no head row"));
    }

    public long size() {
        return sql.first("SELECT tree_size FROM log_head WHERE id = 1", statement -> {
        }, row -> row.getLong(1)).orElse(0L);
    }

    public void update(long size) {
        sql.update("UPDATE log_head SET tree_size = ?, updated_at = now() WHERE id = 1", statement -> statement.setLong(1, size));
    }
}
