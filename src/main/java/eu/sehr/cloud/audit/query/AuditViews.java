package eu.sehr.cloud.audit.query;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.WriteModel;
import eu.sehr.cloud.operations.DependencyOutage;
import org.bson.Document;

/**
 * The citizen audit view: the collection {@code citizen_audit} in MongoDB, written and read with the MongoDB driver.
 * The projection's writes go through {@link DependencyOutage}: one log line while MongoDB is away, retries that back
 * off, and each failure thrown so that the processor retries the batch.
 */
public final class AuditViews {

    public static final String COLLECTION = "citizen_audit";
    private static final ReplaceOptions UPSERT = new ReplaceOptions().upsert(true);

    private final MongoCollection<Document> lines;
    private final DependencyOutage mongo;

    public AuditViews(MongoDatabase database) {
        this(database, new DependencyOutage("MongoDB (the audit views)", "the audit view projection", Clock.systemUTC()));
    }

    /** @param mongo the projection's writes: one log line while MongoDB is away, and retries that back off */
    public AuditViews(MongoDatabase database, DependencyOutage mongo) {
        this.lines = database.getCollection(COLLECTION);
        this.mongo = mongo;
    }

    /** Saves the lines in one bulk write of upserts; a line already saved (same event id) is replaced by itself. */
    public void saveAll(List<AuditEntry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        List<WriteModel<Document>> writes = entries.stream()
                .<WriteModel<Document>>map(entry -> new ReplaceOneModel<>(Filters.eq("_id", entry.eventId()),
                        new Document(entry.document()), UPSERT))
                .toList();
        mongo.run(() -> lines.bulkWrite(writes));
    }

    public void removeAccount(String accountId) {
        mongo.run(() -> lines.deleteMany(Filters.eq("account", accountId)));
    }

    public void clear() {
        mongo.run(() -> lines.deleteMany(new Document()));
    }

    /** The lines of one account's view, in event-store order. */
    public List<Document> read(String accountId) {
        return lines.find(Filters.eq("account", accountId)).sort(Sorts.ascending("position")).into(new ArrayList<>());
    }
}
