package eu.sehr.cloud.records.query;

import java.util.List;
import java.util.Optional;

import eu.sehr.cloud.account.api.AccountEvents.CitizenAccountDeleted;
import eu.sehr.cloud.account.api.AccountEvents.CitizenRegistered;
import eu.sehr.cloud.infra.Sql;
import eu.sehr.cloud.records.api.RecordEvents.HealthRecordUploaded;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;

/**
 * Which logical buckets exist and which account owns each: the home bucket from registration, an emergency bucket
 * from an HCO's first upload. Kept in the same transaction as the events (a subscribing processor).
 */
@ProcessingGroup(BucketRegistry.PROCESSING_GROUP)
public class BucketRegistry {

    public static final String PROCESSING_GROUP = "bucket-registry";

    private final Sql sql;

    public BucketRegistry(Sql sql) {
        this.sql = sql;
    }

    public List<String> bucketsOf(String accountId) {
        return sql.list("SELECT bucket_name FROM citizen_bucket WHERE account_id = ? ORDER BY bucket_name",
                s -> s.setString(1, accountId), row -> row.getString(1));
    }

    public Optional<String> ownerOf(String bucket) {
        return sql.first("SELECT account_id FROM citizen_bucket WHERE bucket_name = ?", s -> s.setString(1, bucket),
                row -> row.getString(1));
    }

    @EventHandler
    void on(CitizenRegistered event) {
        add(event.username(), event.accountId());
    }

    @EventHandler
    void on(HealthRecordUploaded event) {
        add(event.bucket(), event.accountId());
    }

    @EventHandler
    void on(CitizenAccountDeleted event) {
        sql.update("DELETE FROM citizen_bucket WHERE account_id = ?", s -> s.setString(1, event.accountId()));
    }

    private void add(String bucket, String accountId) {
        sql.update("INSERT INTO citizen_bucket (bucket_name, account_id, created_at) VALUES (?, ?, now()) "
                + "ON CONFLICT (bucket_name) DO NOTHING", s -> {
            s.setString(1, bucket);
            s.setString(2, accountId);
        });
    }
}
