package eu.sehr.cloud.records.query;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import eu.sehr.cloud.account.api.AccountEvents.CitizenAccountDeleted;
import eu.sehr.cloud.infra.Sql;
import eu.sehr.cloud.records.api.RecordEvents.HealthRecordUploaded;
import eu.sehr.cloud.storage.ObjectKeys;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;

/**
 * The records that were uploaded and recorded: name, size, type, SHA-256, date and the stored version, per logical
 * bucket. Kept in the same transaction as the upload events (a subscribing processor), so a listing never shows a
 * record whose upload was not recorded, and a replaced record switches to its new version at the moment its event
 * commits. The version it replaced is removed from storage only after that commit: until then, and whenever the
 * commit fails, downloads read the previous version.
 */
@ProcessingGroup(RecordCatalogue.PROCESSING_GROUP)
public class RecordCatalogue {

    public static final String PROCESSING_GROUP = "record-catalogue";

    private final Sql sql;
    private final Consumer<String> removeSuperseded;

    /**
     * @param removeSuperseded removes a superseded version's object (by storage key) once the switch is committed;
     *                         a failure leaves an unreferenced object behind, never a missing one
     */
    public RecordCatalogue(Sql sql, Consumer<String> removeSuperseded) {
        this.sql = sql;
        this.removeSuperseded = removeSuperseded;
    }

    public List<String> objectsIn(String bucket) {
        return sql.list("SELECT object_name FROM health_record WHERE bucket_name = ? ORDER BY object_name COLLATE \"C\"",
                s -> s.setString(1, bucket), row -> row.getString(1));
    }

    /** The records of a bucket that an emergency may reach: those the citizen has not hidden. */
    public List<String> objectsReachableInEmergency(String bucket) {
        return sql.list("SELECT object_name FROM health_record WHERE bucket_name = ? AND emergency_visible "
                        + "ORDER BY object_name COLLATE \"C\"",
                s -> s.setString(1, bucket), row -> row.getString(1));
    }

    public Optional<RecordEntry> find(String bucket, String object) {
        return first(FIND, bucket, object);
    }

    /**
     * The record if an emergency may reach it: a hidden record is not found, by the same single query that finds no
     * record where none exists, so the two cannot be told apart.
     */
    public Optional<RecordEntry> findReachableInEmergency(String bucket, String object) {
        return first(FIND + " AND emergency_visible", bucket, object);
    }

    private static final String FIND = "SELECT bucket_name, object_name, size_bytes, content_type, sha256, date_added, "
            + "version, emergency_visible FROM health_record WHERE bucket_name = ? AND object_name = ?";

    private Optional<RecordEntry> first(String query, String bucket, String object) {
        return sql.first(query,
                s -> {
                    s.setString(1, bucket);
                    s.setString(2, object);
                },
                row -> new RecordEntry(row.getString(1), row.getString(2), row.getLong(3), row.getString(4),
                        row.getString(5), row.getTimestamp(6).toInstant(), row.getString(7), row.getBoolean(8)));
    }

    /**
     * Claims the plain key {@code {bucket}/{object}} for the first version of a name, so that a record uploaded once
     * (the usual case) lives where an operator would look for it; true when this upload holds the claim. Only one
     * upload of a name can hold it, so two first uploads racing never write the same key: the other one takes a
     * versioned key. A name with a catalogue entry is never claimed again.
     */
    public boolean claimFirstKey(String bucket, String object, String accountId) {
        return find(bucket, object).isEmpty() && sql.update("INSERT INTO record_first_key (bucket_name, object_name, "
                + "account_id) VALUES (?, ?, ?) ON CONFLICT DO NOTHING", s -> {
            s.setString(1, bucket);
            s.setString(2, object);
            s.setString(3, accountId);
        }) == 1;
    }

    /** Gives the claim back after the claiming upload failed and removed its bytes. */
    public void releaseFirstKey(String bucket, String object) {
        sql.update("DELETE FROM record_first_key WHERE bucket_name = ? AND object_name = ?", s -> {
            s.setString(1, bucket);
            s.setString(2, object);
        });
    }

    @EventHandler
    void on(HealthRecordUploaded event, @Timestamp Instant at) {
        Optional<String> superseded = sql.first("SELECT version FROM health_record WHERE bucket_name = ? AND object_name = ? "
                        + "FOR UPDATE",
                s -> {
                    s.setString(1, event.bucket());
                    s.setString(2, event.object());
                },
                row -> ObjectKeys.record(event.bucket(), event.object(), row.getString(1)));
        sql.update("INSERT INTO health_record (bucket_name, object_name, account_id, size_bytes, content_type, sha256, "
                + "date_added, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (bucket_name, object_name) DO UPDATE SET "
                + "size_bytes = EXCLUDED.size_bytes, content_type = EXCLUDED.content_type, sha256 = EXCLUDED.sha256, "
                + "date_added = EXCLUDED.date_added, version = EXCLUDED.version", s -> {
            s.setString(1, event.bucket());
            s.setString(2, event.object());
            s.setString(3, event.accountId());
            s.setLong(4, event.bytes());
            s.setString(5, event.contentType());
            s.setString(6, event.sha256());
            s.setTimestamp(7, java.sql.Timestamp.from(at.truncatedTo(ChronoUnit.MILLIS)));
            s.setString(8, event.version());
        });
        String current = ObjectKeys.record(event.bucket(), event.object(), event.version());
        superseded.filter(key -> !key.equals(current)).ifPresent(key ->
                CurrentUnitOfWork.get().afterCommit(unitOfWork -> removeSuperseded.accept(key)));
    }

    @EventHandler
    void on(CitizenAccountDeleted event) {
        sql.update("DELETE FROM health_record WHERE account_id = ?", s -> s.setString(1, event.accountId()));
        sql.update("DELETE FROM record_first_key WHERE account_id = ?", s -> s.setString(1, event.accountId()));
    }
}
