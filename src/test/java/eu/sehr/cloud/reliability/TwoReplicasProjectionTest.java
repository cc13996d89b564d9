package eu.sehr.cloud.reliability;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.model.Filters;
import eu.sehr.cloud.audit.query.AuditEntry;
import eu.sehr.cloud.audit.query.CitizenAuditProjection;
import eu.sehr.cloud.support.Api;
import eu.sehr.cloud.support.Api.Citizen;
import eu.sehr.cloud.support.EventRows;
import eu.sehr.cloud.support.RunningService.Started;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.bson.Document;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The audit projection with both replicas running: each event projected exactly once, and each of the projection's
 * segments worked by one replica.
 */
class TwoReplicasProjectionTest extends TwoReplicasFixture {

    private static final String HR_UPLOADED = "HealthRecordUploaded";
    private static final String HR_DOWNLOADED = "HealthRecordDownloaded";
    /** AxonSetup's initial segment count of the projections. */
    private static final int PROJECTION_SEGMENTS = 4;

    @Test
    void should_project_each_event_exactly_once_with_both_replicas_running() throws Exception {
        Citizen citizen = a().newCitizen();
        a().signConsent(citizen.token(), "cloud").expect(200);
        int records = 16;
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Void>> burst = new ArrayList<>();
            for (int i = 0; i < records; i++) {
                int n = i;
                burst.add(pool.submit(() -> {
                    String name = "R" + n;
                    Api uploader = n % 2 == 0 ? a() : b();
                    Api downloader = n % 2 == 0 ? b() : a();
                    uploader.upload("/citizen/upload", citizen.token(), name, bytes("record " + n)).expect(201);
                    assertThat(downloader.get("/citizen/" + citizen.username() + "/" + name, citizen.token()).expect(200).body())
                            .isEqualTo(bytes("record " + n));
                    return null;
                }));
            }
            for (Future<Void> request : burst) {
                request.get();
            }
        } finally {
            pool.shutdownNow();
        }

        EventRows events = new EventRows(replicaA.service().stores().dataSource());
        String account = events.accountIdOf(citizen.username());
        List<EventRows.Row> recordEvents = events.forAggregate(account).stream()
                .filter(row -> row.simpleType().equals(HR_UPLOADED) || row.simpleType().equals(HR_DOWNLOADED)).toList();
        assertThat(recordEvents).hasSize(2 * records);
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < records; i++) {
            expected.add("R" + i);
        }

        for (Api replica : List.of(a(), b())) {
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
                JsonNode hrInfo = replica.get("/citizen/auditing", citizen.token()).expect(200).json().at("/auditing/hr_info");
                assertThat(hrInfo.get("uploaded").findValuesAsText("uploaded_hr")).containsExactlyInAnyOrderElementsOf(expected);
                assertThat(hrInfo.get("downloaded").findValuesAsText("downloaded_hr")).containsExactlyInAnyOrderElementsOf(expected);
            });
        }

        // one MongoDB line per event, keyed by the event's id: none missing, none doubled, none foreign
        Set<String> eventIds = eventIdentifiers(account, Set.of(HR_UPLOADED, HR_DOWNLOADED));
        assertThat(eventIds).hasSize(2 * records);
        try (MongoClient client = MongoClients.create(stores.mongoUri())) {
            List<String> lines = new ArrayList<>();
            for (Document line : client.getDatabase("sehr").getCollection("citizen_audit")
                    .find(Filters.and(Filters.eq("account", account),
                            Filters.in("section", AuditEntry.UPLOADED, AuditEntry.DOWNLOADED)))) {
                lines.add(line.getString("_id"));
            }
            assertThat(lines).hasSize(2 * records).doesNotHaveDuplicates();
            assertThat(new HashSet<>(lines)).isEqualTo(eventIds);
        }

        // the projection's segments are worked by one replica each, never by both, and every one is worked
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            Set<Integer> segmentsOfA = segments(replicaA);
            Set<Integer> segmentsOfB = segments(replicaB);
            Set<Integer> both = new HashSet<>(segmentsOfA);
            both.retainAll(segmentsOfB);
            assertThat(both).as("segments claimed by both replicas (A: %s, B: %s)", segmentsOfA, segmentsOfB).isEmpty();
            assertThat(segmentsOfA.size() + segmentsOfB.size()).isEqualTo(PROJECTION_SEGMENTS);
        });
    }

    private static Set<Integer> segments(Started replica) {
        return replica.service().axon().eventProcessingConfiguration()
                .eventProcessor(CitizenAuditProjection.PROCESSING_GROUP, StreamingEventProcessor.class)
                .map(processor -> Set.copyOf(processor.processingStatus().keySet()))
                .orElse(Set.of());
    }

    private static Set<String> eventIdentifiers(String account, Set<String> simpleTypes) throws SQLException {
        Set<String> ids = new HashSet<>();
        try (Connection connection = replicaA.service().stores().dataSource().getConnection();
             PreparedStatement statement = connection.prepareStatement(
                     "SELECT eventIdentifier, payloadType FROM domainEventEntry WHERE aggregateIdentifier = ?")) {
            statement.setString(1, account);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    String type = rows.getString(2);
                    if (simpleTypes.contains(type.substring(type.lastIndexOf('$') + 1))) {
                        ids.add(rows.getString(1));
                    }
                }
            }
        }
        return ids;
    }
}
