package eu.sehr.cloud.account.query;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

import eu.sehr.cloud.account.api.AccountEvents.CitizenAccountDeleted;
import eu.sehr.cloud.consent.api.ConsentEvents.ConsentGranted;
import eu.sehr.cloud.consent.api.ConsentEvents.HcoConsentRevoked;
import eu.sehr.cloud.consent.api.ConsentPurpose;
import eu.sehr.cloud.infra.Sql;
import eu.sehr.cloud.infra.http.ApiException;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;

/**
 * The accounts that exist now (credentials, for login and token checks) and every account that ever bore a
 * username (for compliance). Kept in step with the account events inside the same transaction (a subscribing
 * processor), so a deleted account's tokens stop working the moment the deletion commits, on every replica.
 */
@ProcessingGroup(AccountDirectory.PROCESSING_GROUP)
public class AccountDirectory {

    public static final String PROCESSING_GROUP = "account-directory";

    private static final String SELECT =
            "SELECT account_id, username, password_hash, cloud_consent, hco_grant FROM citizen_account";

    private final Sql sql;

    public AccountDirectory(Sql sql) {
        this.sql = sql;
    }

    public void addAccount(String accountId, String username, String passwordHash) {
        try {
            sql.update("INSERT INTO citizen_account (account_id, username, password_hash, registered_at) VALUES (?, ?, ?, now())",
                    s -> {
                        s.setString(1, accountId);
                        s.setString(2, username);
                        s.setString(3, passwordHash);
                    });
        } catch (Sql.ConstraintViolation e) {
            throw ApiException.conflict("the username is already registered");
        }
        sql.update("INSERT INTO account_history (account_id, username, registered_at) VALUES (?, ?, now())", s -> {
            s.setString(1, accountId);
            s.setString(2, username);
        });
    }

    public Optional<AccountRecord> findByUsername(String username) {
        return sql.first(SELECT + " WHERE username = ?", s -> s.setString(1, username), AccountDirectory::toRecord);
    }

    /** The live account with this id and username, if it still exists. */
    public Optional<AccountRecord> findLive(String accountId, String username) {
        return sql.first(SELECT + " WHERE account_id = ? AND username = ?", s -> {
            s.setString(1, accountId);
            s.setString(2, username);
        }, AccountDirectory::toRecord);
    }

    @EventHandler
    void on(ConsentGranted event) {
        if (event.purpose() == ConsentPurpose.CLOUD) {
            sql.update("UPDATE citizen_account SET cloud_consent = TRUE WHERE account_id = ?", s -> s.setString(1, event.accountId()));
        } else {
            sql.update("UPDATE citizen_account SET hco_grant = ? WHERE account_id = ?", s -> {
                s.setString(1, event.grantId());
                s.setString(2, event.accountId());
            });
        }
    }

    @EventHandler
    void on(HcoConsentRevoked event) {
        sql.update("UPDATE citizen_account SET hco_grant = NULL WHERE account_id = ?", s -> s.setString(1, event.accountId()));
    }

    private static AccountRecord toRecord(ResultSet row) throws SQLException {
        return new AccountRecord(row.getString(1), row.getString(2), row.getString(3), row.getBoolean(4), row.getString(5));
    }

    @EventHandler
    void on(CitizenAccountDeleted event, @Timestamp Instant at) {
        sql.update("DELETE FROM citizen_account WHERE account_id = ?", s -> s.setString(1, event.accountId()));
        sql.update("UPDATE account_history SET deleted_at = ? WHERE account_id = ?", s -> {
            s.setTimestamp(1, java.sql.Timestamp.from(at));
            s.setString(2, event.accountId());
        });
    }
}
