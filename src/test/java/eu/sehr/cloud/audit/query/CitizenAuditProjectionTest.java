package eu.sehr.cloud.audit.query;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import eu.sehr.cloud.account.api.AccountEvents.CitizenAccountDeleted;
import eu.sehr.cloud.audit.api.Actor;
import eu.sehr.cloud.infra.embedded.EmbeddedMongoServer;
import eu.sehr.cloud.operations.DependencyOutage;
import eu.sehr.cloud.operations.ReportedOutage;
import eu.sehr.cloud.records.api.RecordEvents.HealthRecordDownloaded;
import eu.sehr.cloud.records.api.RecordEvents.HealthRecordUploaded;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The projection's handlers called directly, each batch in a unit of work as the processor runs it, against the
 * embedded MongoDB server (giftcard-demo's {@code CardSummaryProjectionTest} style): no Axon processor, no Camel.
 */
class CitizenAuditProjectionTest {

    private static final String ACCOUNT = "account-1";
    private static final String OCCURRED_AT = "2026-11-30T10:15:30.123Z";

    private static EmbeddedMongoServer server;
    private static MongoClient client;

    private AuditViews views;
    private CitizenAuditProjection projection;

    @BeforeAll
    static void embedded_mongodb() throws IOException {
        server = EmbeddedMongoServer.start(Files.createTempDirectory("sehr-projection-test").resolve("mongo.mv"));
        client = MongoClients.create(server.uri());
    }

    @AfterAll
    static void stop() {
        client.close();
        server.close();
    }

    @BeforeEach
    void an_empty_view() {
        views = new AuditViews(client.getDatabase("projection-test"));
        views.clear();
        projection = new CitizenAuditProjection(views);
    }

    @Test
    void should_write_a_citizens_upload_as_the_contracts_line_keyed_by_the_event_id() {
        EventMessage<HealthRecordUploaded> upload = message(uploaded("PATIENT_SUMMARY"), Actor.citizen("alice"));

        batch(() -> projection.on(upload.getPayload(), upload, new GlobalSequenceTrackingToken(7)));

        List<Document> lines = views.read(ACCOUNT);
        assertThat(lines).hasSize(1);
        assertThat(lines.get(0).getString("_id")).isEqualTo(upload.getIdentifier());
        assertThat(lines.get(0).getString("section")).isEqualTo(AuditEntry.UPLOADED);
        assertThat(lines.get(0).getLong("position")).isEqualTo(7L);
        assertThat(lines.get(0).get("item", Document.class))
                .containsEntry("uploaded_hr", "PATIENT_SUMMARY").containsEntry("hr_uploaded_on", OCCURRED_AT);
    }

    @Test
    void should_write_an_hcps_download_with_the_hco_and_the_professional() {
        EventMessage<HealthRecordDownloaded> download = message(
                new HealthRecordDownloaded(ACCOUNT, "bucket", "LAB_RESULTS", 10, "ab"), Actor.hcp("Dr Who", "St Mary"));

        batch(() -> projection.on(download.getPayload(), download, new GlobalSequenceTrackingToken(3)));

        Document line = views.read(ACCOUNT).get(0);
        assertThat(line.getString("section")).isEqualTo(AuditEntry.HCO_DOWNLOADED);
        assertThat(line.get("item", Document.class)).containsEntry("healthcare_organization_name", "St Mary")
                .containsEntry("healthcare_professional_name", "Dr Who").containsEntry("downloaded_hr", "LAB_RESULTS");
    }

    @Test
    void should_change_nothing_when_the_same_event_is_delivered_again() {
        EventMessage<HealthRecordUploaded> upload = message(uploaded("PATIENT_SUMMARY"), Actor.citizen("alice"));

        batch(() -> projection.on(upload.getPayload(), upload, new GlobalSequenceTrackingToken(1)));
        List<Document> once = views.read(ACCOUNT);
        batch(() -> {
            projection.on(upload.getPayload(), upload, new GlobalSequenceTrackingToken(1));
            projection.on(upload.getPayload(), upload, new GlobalSequenceTrackingToken(1));
        });

        assertThat(views.read(ACCOUNT)).isEqualTo(once).hasSize(1);
    }

    @Test
    void should_write_a_batchs_lines_together_when_it_commits_in_event_order() {
        EventMessage<HealthRecordUploaded> first = message(uploaded("A"), Actor.citizen("alice"));
        EventMessage<HealthRecordUploaded> second = message(uploaded("B"), Actor.citizen("alice"));
        UnitOfWork<?> batch = DefaultUnitOfWork.startAndGet(first);
        projection.on(second.getPayload(), second, new GlobalSequenceTrackingToken(12));
        projection.on(first.getPayload(), first, new GlobalSequenceTrackingToken(11));

        assertThat(views.read(ACCOUNT)).as("nothing written before the batch commits").isEmpty();
        batch.commit();

        assertThat(views.read(ACCOUNT)).extracting(line -> line.get("item", Document.class).getString("uploaded_hr"))
                .containsExactly("A", "B");
    }

    @Test
    void should_write_nothing_of_a_batch_that_rolls_back() {
        EventMessage<HealthRecordUploaded> upload = message(uploaded("A"), Actor.citizen("alice"));
        UnitOfWork<?> batch = DefaultUnitOfWork.startAndGet(upload);
        projection.on(upload.getPayload(), upload, new GlobalSequenceTrackingToken(1));

        batch.rollback();

        assertThat(views.read(ACCOUNT)).isEmpty();
    }

    @Test
    void should_remove_the_account_with_the_lines_of_its_own_batch_when_it_is_deleted() {
        EventMessage<HealthRecordUploaded> earlier = message(uploaded("A"), Actor.citizen("alice"));
        batch(() -> projection.on(earlier.getPayload(), earlier, new GlobalSequenceTrackingToken(1)));
        EventMessage<HealthRecordUploaded> upload = message(uploaded("B"), Actor.citizen("alice"));
        EventMessage<HealthRecordUploaded> other = message(new HealthRecordUploaded("account-2", "bucket", "C", 1, "ab",
                "application/octet-stream", "1", null), Actor.citizen("bob"));

        batch(() -> {
            projection.on(upload.getPayload(), upload, new GlobalSequenceTrackingToken(2));
            projection.on(other.getPayload(), other, new GlobalSequenceTrackingToken(3));
            projection.on(new CitizenAccountDeleted(ACCOUNT, "alice"));
        });

        assertThat(views.read(ACCOUNT)).isEmpty();
        assertThat(views.read("account-2")).hasSize(1);
    }

    @Test
    void should_empty_the_view_on_reset() {
        EventMessage<HealthRecordUploaded> upload = message(uploaded("A"), Actor.citizen("alice"));
        batch(() -> projection.on(upload.getPayload(), upload, new GlobalSequenceTrackingToken(1)));

        projection.onReset();

        assertThat(views.read(ACCOUNT)).isEmpty();
    }

    @Test
    void should_fail_the_batch_with_a_reported_outage_when_mongodb_is_away() {
        try (MongoClient away = MongoClients.create(MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString("mongodb://127.0.0.1:1"))
                .applyToClusterSettings(c -> c.serverSelectionTimeout(200, TimeUnit.MILLISECONDS)).build())) {
            CitizenAuditProjection unreachable = new CitizenAuditProjection(new AuditViews(away.getDatabase("sehr"),
                    new DependencyOutage("MongoDB (the audit views)", "the test", Clock.systemUTC())));
            EventMessage<HealthRecordUploaded> upload = message(uploaded("A"), Actor.citizen("alice"));

            UnitOfWork<?> batch = DefaultUnitOfWork.startAndGet(upload);
            unreachable.on(upload.getPayload(), upload, new GlobalSequenceTrackingToken(1));

            assertThatThrownBy(batch::commit).isInstanceOf(ReportedOutage.class)
                    .hasMessageContaining("MongoDB (the audit views) is unavailable");
        }
    }

    private static HealthRecordUploaded uploaded(String object) {
        return new HealthRecordUploaded(ACCOUNT, "bucket", object, 6, "ab", "application/octet-stream", "1", null);
    }

    private static <T> EventMessage<T> message(T payload, Actor actor) {
        Map<String, Object> metaData = new HashMap<>();
        metaData.put(Actor.KIND, actor.kind());
        metaData.put(Actor.NAME, actor.name());
        if (actor.hco() != null) {
            metaData.put(Actor.HCO, actor.hco());
        }
        metaData.put("occurredAt", Instant.parse(OCCURRED_AT).toString());
        return new GenericEventMessage<>(payload, MetaData.from(metaData));
    }

    /** Runs handlers as one batch of the processor: their lines are written when the unit of work commits. */
    private static void batch(Runnable handlers) {
        DefaultUnitOfWork.startAndGet(null).execute(handlers);
    }
}
