package eu.sehr.cloud.transparency;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mongodb.client.model.Filters;
import eu.sehr.cloud.audit.api.Actor;
import eu.sehr.cloud.audit.chain.HashChain;
import eu.sehr.cloud.audit.compliance.AuditorDirectory;
import eu.sehr.cloud.infra.Json;
import eu.sehr.cloud.infra.Sql;
import eu.sehr.cloud.security.PasswordHasher;
import eu.sehr.cloud.support.Api;
import eu.sehr.cloud.support.Api.Citizen;
import eu.sehr.cloud.support.RunningService;
import eu.sehr.cloud.support.RunningService.Started;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static eu.sehr.cloud.support.Resources.closeQuietly;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The tamperings of issue 14, done with SQL and the MongoDB driver on the stores of a running service (its own, since
 * they break its data): each one leaves the hash chains of the old check intact or unverifiable, and the extended
 * {@code GET /audit/verify} reports it, naming the first leaf where the event store, the log and the view disagree.
 */
@Timeout(180)
class TamperingDetectionTest {

    private static final ObjectMapper JSON = Json.newMapper();

    private static Started service;
    private static Api api;
    private static LogClient log;
    private static String auditorToken;

    @BeforeAll
    static void a_service_of_its_own() {
        service = Started.start(RunningService.tempDir(), Map.of());
        api = service.api();
        log = new LogClient(api);
        String auditor = "officer-" + UUID.randomUUID().toString().substring(0, 8);
        new AuditorDirectory(new Sql(service.service().stores().dataSource()::getConnection))
                .put(auditor, new PasswordHasher().hash("compliance officer password"));
        auditorToken = api.postJson("/auditor/login", null, Api.credentials(auditor, "compliance officer password"))
                .expect(200).json().get("token").asText();
    }

    @AfterAll
    static void stop() {
        closeQuietly(service);
    }

    @Test
    void should_find_nothing_wrong_in_an_untouched_store() throws Exception {
        Citizen citizen = citizenWithADownloadedRecord();
        JsonNode verdict = verify(citizen);
        assertThat(verdict.get("valid").asBoolean()).as(verdict.toString()).isTrue();
        assertThat(verdict.has("firstBrokenIndex")).isFalse();
    }

    @Test
    void should_report_the_truncated_newest_event_of_a_stream() throws Exception {
        Citizen citizen = citizenWithADownloadedRecord();
        String account = accountOf(citizen);
        String newest = single("SELECT eventIdentifier FROM domainEventEntry WHERE aggregateIdentifier = ? "
                + "ORDER BY sequenceNumber DESC LIMIT 1", account);
        update("DELETE FROM domainEventEntry WHERE eventIdentifier = ?", newest);

        JsonNode verdict = verify(citizen);
        assertThat(verdict.get("valid").asBoolean()).isFalse();
        assertThat(verdict.get("firstBrokenIndex").asLong()).isEqualTo(leafIndexOf(newest));
        assertThat(verdict.get("logProblem").asText()).isEqualTo("a leaf with no event");
    }

    @Test
    void should_report_a_stream_rewritten_and_re_hashed() throws Exception {
        Citizen citizen = citizenWithADownloadedRecord();
        String account = accountOf(citizen);
        String upload = eventOfType(account, "HealthRecordUploaded");
        long removed = Long.parseLong(single("SELECT sequenceNumber FROM domainEventEntry WHERE eventIdentifier = ?", upload));
        update("DELETE FROM domainEventEntry WHERE eventIdentifier = ?", upload);
        rehash(account, removed);
        assertThat(api.get("/audit/events?citizen=" + citizen.username(), auditorToken).expect(200).text()).doesNotContain(upload);

        JsonNode verdict = verify(citizen);
        assertThat(verdict.has("firstBrokenSequence")).as("the re-hashed chain itself checks out").isFalse();
        assertThat(verdict.get("valid").asBoolean()).isFalse();
        assertThat(verdict.get("firstBrokenIndex").asLong()).isEqualTo(leafIndexOf(upload));
    }

    @Test
    void should_report_a_deleted_stream() throws Exception {
        Citizen citizen = citizenWithADownloadedRecord();
        String account = accountOf(citizen);
        long first = Long.parseLong(single("SELECT min(leaf_index) FROM log_leaf WHERE account_id = ?", account));
        update("DELETE FROM domainEventEntry WHERE aggregateIdentifier = ?", account);

        JsonNode verdict = verify(citizen);
        assertThat(verdict.get("valid").asBoolean()).isFalse();
        assertThat(verdict.get("firstBrokenIndex").asLong()).isEqualTo(first);
    }

    @Test
    void should_report_a_moved_timestamp() throws Exception {
        Citizen citizen = citizenWithADownloadedRecord();
        String upload = eventOfType(accountOf(citizen), "HealthRecordUploaded");
        update("UPDATE domainEventEntry SET timeStamp = '2001-01-01T00:00:00.000Z' WHERE eventIdentifier = ?", upload);
        assertThat(api.get("/audit/events?citizen=" + citizen.username() + "&from=2020-01-01T00:00:00Z", auditorToken)
                .expect(200).text()).doesNotContain("HealthRecordUploaded");

        JsonNode verdict = verify(citizen);
        assertThat(verdict.get("valid").asBoolean()).isFalse();
        assertThat(verdict.get("firstBrokenIndex").asLong()).isEqualTo(leafIndexOf(upload));
        assertThat(verdict.get("logProblem").asText()).isEqualTo("a leaf that its event no longer gives");
    }

    @Test
    void should_report_a_deleted_view_line_until_a_replay_restores_it() throws Exception {
        Citizen citizen = citizenWithADownloadedRecord();
        String download = eventOfType(accountOf(citizen), "HealthRecordDownloaded");
        api.upload("/citizen/upload", citizen.token(), "LABORATORY_RESULT", "lab".getBytes(StandardCharsets.UTF_8)).expect(201);
        await().atMost(Duration.ofSeconds(30)).until(() -> api.get("/citizen/auditing", citizen.token()).expect(200).json()
                .at("/auditing/hr_info/uploaded").size() == 2);
        long deleted = service.service().stores().mongo().getDatabase("sehr").getCollection("citizen_audit")
                .deleteOne(Filters.eq("_id", download)).getDeletedCount();
        assertThat(deleted).isEqualTo(1);
        assertThat(api.get("/citizen/auditing", citizen.token()).expect(200).json().at("/auditing/hr_info/downloaded")).isEmpty();

        JsonNode verdict = verify(citizen);
        assertThat(verdict.get("valid").asBoolean()).isFalse();
        assertThat(verdict.get("firstBrokenIndex").asLong()).isEqualTo(leafIndexOf(download));

        String replay = api.send("POST", "/audit/replay", auditorToken, null, null).expect(202).json().get("replayId").asText();
        await().atMost(Duration.ofSeconds(60)).until(() ->
                "done".equals(api.get("/audit/replay/" + replay, auditorToken).expect(200).json().get("state").asText()));
        assertThat(verify(citizen).get("valid").asBoolean()).isTrue();
    }

    private Citizen citizenWithADownloadedRecord() throws Exception {
        Citizen citizen = api.newCitizen();
        api.signConsent(citizen.token(), "cloud").expect(200);
        api.upload("/citizen/upload", citizen.token(), "PATIENT_SUMMARY", "summary".getBytes(StandardCharsets.UTF_8)).expect(201);
        api.get("/citizen/" + citizen.username() + "/PATIENT_SUMMARY", citizen.token()).expect(200);
        log.checkpointCovering(Long.parseLong(single("SELECT count(*) FROM domainEventEntry")));
        return citizen;
    }

    private JsonNode verify(Citizen citizen) {
        return api.get("/audit/verify?citizen=" + citizen.username(), auditorToken).expect(200).json();
    }

    /** What a careful attacker does after deleting an event: renumber the rest of the stream and recompute its chain. */
    private void rehash(String account, long removed) throws Exception {
        HashChain chain = new HashChain(JSON);
        try (Connection connection = service.service().stores().dataSource().getConnection()) {
            List<Object[]> rows = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement("SELECT eventIdentifier, sequenceNumber, payloadType, "
                    + "payload, metaData FROM domainEventEntry WHERE aggregateIdentifier = ? AND sequenceNumber > ? ORDER BY sequenceNumber")) {
                select.setString(1, account);
                select.setLong(2, removed);
                try (ResultSet result = select.executeQuery()) {
                    while (result.next()) {
                        rows.add(new Object[]{result.getString(1), result.getLong(2), result.getString(3),
                                result.getBytes(4), result.getBytes(5)});
                    }
                }
            }
            String previous = null;
            for (Object[] row : rows) {
                ObjectNode meta = (ObjectNode) JSON.readTree((byte[]) row[4]);
                if (previous == null) {
                    previous = meta.get(HashChain.PREV_HASH).asText();
                    previous = single("SELECT convert_from(metaData, 'UTF8')::json->>'hash' FROM domainEventEntry "
                            + "WHERE aggregateIdentifier = ? AND sequenceNumber = " + (removed - 1), account);
                }
                long sequence = (long) row[1] - 1;
                String hash = chain.hash(new HashChain.ChainedEvent(account, sequence, (String) row[2], JSON.readTree((byte[]) row[3]),
                        new Actor(meta.path(Actor.KIND).asText(null), meta.path(Actor.NAME).asText(null), meta.path(Actor.HCO).asText(null)),
                        meta.get(HashChain.OCCURRED_AT).asText(), previous));
                meta.put(HashChain.PREV_HASH, previous).put(HashChain.HASH, hash);
                try (PreparedStatement write = connection.prepareStatement(
                        "UPDATE domainEventEntry SET sequenceNumber = ?, metaData = ? WHERE eventIdentifier = ?")) {
                    write.setLong(1, sequence);
                    write.setBytes(2, JSON.writeValueAsBytes(meta));
                    write.setString(3, (String) row[0]);
                    write.executeUpdate();
                }
                previous = hash;
            }
        }
    }

    private String accountOf(Citizen citizen) throws Exception {
        return single("SELECT account_id FROM account_history WHERE username = ?", citizen.username());
    }

    private String eventOfType(String account, String type) throws Exception {
        return single("SELECT eventIdentifier FROM domainEventEntry WHERE aggregateIdentifier = ? AND payloadType = ? "
                + "ORDER BY sequenceNumber LIMIT 1", account, type);
    }

    private long leafIndexOf(String eventId) throws Exception {
        return Long.parseLong(single("SELECT leaf_index FROM log_leaf WHERE event_id = ?", eventId));
    }

    private static String single(String sql, String... parameters) throws Exception {
        try (Connection connection = service.service().stores().dataSource().getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setString(i + 1, parameters[i]);
            }
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getString(1);
            }
        }
    }

    private static void update(String sql, String parameter) throws Exception {
        try (Connection connection = service.service().stores().dataSource().getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, parameter);
            assertThat(statement.executeUpdate()).isPositive();
        }
    }
}
