package eu.sehr.cloud.audit.query;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.WriteModel;
import eu.sehr.cloud.infra.StoreUnavailableException;
import eu.sehr.cloud.operations.DependencyOutage;
import org.apache.camel.ProducerTemplate;
import org.bson.Document;

/**
 * The citizen audit view in MongoDB, reached through the Camel projection routes of {@code audit.camel.yaml}
 * (camel-mongodb). The projection may start before Camel: its first writes wait until the routes are connected.
 */
public final class AuditViews {

    private static final long CONNECT_TIMEOUT_SECONDS = 60;
    private static final ReplaceOptions UPSERT = new ReplaceOptions().upsert(true);

    private final CompletableFuture<ProducerTemplate> routes = new CompletableFuture<>();
    private final DependencyOutage mongo;

    public AuditViews() {
        this(new DependencyOutage("MongoDB (the audit views)", "the audit view projection", Clock.systemUTC()));
    }

    /** @param mongo the projection's writes: one log line while MongoDB is away, and retries that back off */
    public AuditViews(DependencyOutage mongo) {
        this.mongo = mongo;
    }

    public void connect(ProducerTemplate template) {
        routes.complete(template);
    }

    /** Saves the lines in one bulk write; a line already saved (same event id) is replaced by itself. */
    public void saveAll(List<AuditEntry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        List<WriteModel<Document>> writes = entries.stream()
                .<WriteModel<Document>>map(entry -> new ReplaceOneModel<>(Filters.eq("_id", entry.eventId()),
                        new Document(entry.document()), UPSERT))
                .toList();
        mongo.run(() -> routes().sendBody("direct:audit-view-save", writes));
    }

    public void removeAccount(String accountId) {
        mongo.run(() -> routes().sendBody("direct:audit-view-remove", new Document("account", accountId)));
    }

    public void clear() {
        mongo.run(() -> routes().sendBody("direct:audit-view-remove", new Document()));
    }

    /** The lines of one account's view, in event-store order. */
    @SuppressWarnings("unchecked")
    public List<Document> read(String accountId) {
        return routes().requestBodyAndHeader("direct:audit-view-read", new Document("account", accountId),
                "CamelMongoDbSortBy", new Document("position", 1), List.class);
    }


    private ProducerTemplate routes() {
        try {
            return routes.get(CONNECT_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreUnavailableException("interrupted while waiting for the projection routes", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new StoreUnavailableException("the projection routes are not running", e);
        }
    }
}
