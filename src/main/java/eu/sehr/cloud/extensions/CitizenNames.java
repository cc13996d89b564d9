package eu.sehr.cloud.extensions;

import java.util.Optional;

import eu.sehr.cloud.infra.Sql;

/**
 * The username an account bore, from {@code account_history} (kept for deleted accounts too), as the NDJSON
 * export resolves it. The row is written in the transaction that appends the registration, so a projection
 * always finds it.
 */
public final class CitizenNames {

    private final Sql sql;

    public CitizenNames(Sql sql) {
        this.sql = sql;
    }

    public Optional<String> usernameOf(String accountId) {
        return sql.first("SELECT username FROM account_history WHERE account_id = ?",
                statement -> statement.setString(1, accountId), row -> row.getString(1));
    }
}
