package eu.sehr.cloud.transparency.cosign;

import eu.sehr.cloud.infra.Sql;

/** The tree size each witness last cosigned (or says it did), shared by the replicas: the next push's old size. */
public final class WitnessSizes {

    private final Sql sql;

    public WitnessSizes(Sql sql) {
        this.sql = sql;
    }

    public long of(String witness) {
        return sql.first("SELECT cosigned_size FROM log_witness WHERE witness = ?", statement -> statement.setString(1, witness),
                row -> row.getLong(1)).orElse(0L);
    }

    public void set(String witness, long size) {
        sql.update("INSERT INTO log_witness (witness, cosigned_size) VALUES (?, ?) "
                + "ON CONFLICT (witness) DO UPDATE SET cosigned_size = EXCLUDED.cosigned_size", statement -> {
                    statement.setString(1, witness);
                    statement.setLong(2, size);
                });
    }
}
