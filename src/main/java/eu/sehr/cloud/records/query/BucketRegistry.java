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
 * from an HCO's first upload, which also binds the bucket to that HCO's key. Kept in the same transaction as the
 * events (a subscribing processor).
 */
@ProcessingGroup(BucketRegistry.PROCESSING_GROUP)
public class BucketRegistry {

    public static final String PROCESSING_GROUP = "bucket-registry";

    private final Sql sql;

    public BucketRegistry(Sql sql) {
        this.sql = sql;
    }

    /**
     * A bucket as recorded.
     *
     * @param accountId the account that owns it
     * @param hcoKey    for an emergency bucket, the key (SHA-256 hex of the SubjectPublicKeyInfo) of the HCO whose
     *                  upload created it; null for a home bucket, or an emergency bucket created before keys were recorded
     */
    public record Bucket(String accountId, String hcoKey) {
    }

    public List<String> bucketsOf(String accountId) {
        return sql.list("SELECT bucket_name FROM citizen_bucket WHERE account_id = ? ORDER BY bucket_name",
                s -> s.setString(1, accountId), row -> row.getString(1));
    }

    public Optional<String> ownerOf(String bucket) {
        return find(bucket).map(Bucket::accountId);
    }

    public Optional<Bucket> find(String bucket) {
        return sql.first("SELECT account_id, hco_key FROM citizen_bucket WHERE bucket_name = ?",
                s -> s.setString(1, bucket), row -> new Bucket(row.getString(1), row.getString(2)));
    }

    @EventHandler
    void on(CitizenRegistered event) {
        add(event.username(), event.accountId(), null);
    }

    @EventHandler
    void on(HealthRecordUploaded event) {
        add(event.bucket(), event.accountId(), event.hcoKey());
    }

    @EventHandler
    void on(CitizenAccountDeleted event) {
        sql.update("DELETE FROM citizen_bucket WHERE account_id = ?", s -> s.setString(1, event.accountId()));
    }

    /** The first event that names a bucket creates it; a later one changes neither its owner nor its HCO's key. */
    private void add(String bucket, String accountId, String hcoKey) {
        sql.update("INSERT INTO citizen_bucket (bucket_name, account_id, created_at, hco_key) VALUES (?, ?, now(), ?) "
                + "ON CONFLICT (bucket_name) DO NOTHING", s -> {
            s.setString(1, bucket);
            s.setString(2, accountId);
            s.setString(3, hcoKey);
        });
    }
}
