package eu.sehr.cloud.audit;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import eu.sehr.cloud.audit.api.Actor;
import eu.sehr.cloud.audit.chain.HashChain;
import eu.sehr.cloud.audit.compliance.AuditorDirectory;
import eu.sehr.cloud.infra.Json;
import eu.sehr.cloud.infra.Sql;
import eu.sehr.cloud.records.api.RecordEvents.HealthRecordDownloaded;
import eu.sehr.cloud.security.PasswordHasher;
import eu.sehr.cloud.support.Api;
import eu.sehr.cloud.support.Api.Citizen;
import eu.sehr.cloud.support.EventRows;
import eu.sehr.cloud.support.RunningService;
import eu.sehr.cloud.support.RunningService.Started;
import eu.sehr.cloud.transparency.log.EventNames;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static eu.sehr.cloud.support.Resources.closeQuietly;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Events are stored under stable names, and a stream stored before that, under Java class names and chained over
 * them, still reads (Axon deserializes it in a replay), exports under stable names and verifies. The older stream is
 * made with SQL on a running service's store (its own: the rewrite leaves its cached account behind the store).
 */
@Timeout(180)
class StableEventNamesEndToEndTest {

    private static final ObjectMapper JSON = Json.newMapper();
    private static final EventNames NAMES = new EventNames();

    private static Started service;
    private static Api api;
    private static String auditorToken;

    @BeforeAll
    static void a_service_of_its_own() {
        service = Started.start(RunningService.tempDir(), Map.of());
        api = service.api();
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
    void should_store_new_events_under_stable_names() throws Exception {
        Citizen citizen = citizenWithADownloadedRecord();
        EventRows rows = new EventRows(service.service().stores().dataSource());

        List<String> types = rows.forAggregate(rows.accountIdOf(citizen.username())).stream().map(EventRows.Row::type).toList();

        assertThat(types).contains("CitizenRegistered", "HealthRecordUploaded", "HealthRecordDownloaded")
                .allSatisfy(type -> assertThat(NAMES.ofStoredType(type)).contains(type));
        assertThat(verify(citizen).get("valid").asBoolean()).isTrue();
    }

    @Test
    void should_read_export_and_verify_a_stream_stored_under_class_names() throws Exception {
        Citizen citizen = citizenWithADownloadedRecord();
        EventRows rows = new EventRows(service.service().stores().dataSource());
        String account = rows.accountIdOf(citizen.username());
        storeAsBeforeStableNames(rows.forAggregate(account));
        assertThat(rows.forAggregate(account)).extracting(EventRows.Row::type)
                .contains(HealthRecordDownloaded.class.getName());

        JsonNode verdict = verify(citizen);
        assertThat(verdict.get("valid").asBoolean()).as(verdict.toString()).isTrue();
        assertThat(verdict.get("events").asLong()).isGreaterThanOrEqualTo(4);

        List<JsonNode> downloads = api.get("/audit/events?citizen=" + citizen.username() + "&type=HealthRecordDownloaded",
                auditorToken).expect(200).text().lines().map(StableEventNamesEndToEndTest::json).toList();
        assertThat(downloads).hasSize(1);
        assertThat(downloads.get(0).get("type").asText()).isEqualTo("HealthRecordDownloaded");

        String replay = api.send("POST", "/audit/replay", auditorToken, null, null).expect(202).json().get("replayId").asText();
        await().atMost(Duration.ofSeconds(60)).until(() ->
                "done".equals(api.get("/audit/replay/" + replay, auditorToken).expect(200).json().get("state").asText()));
        JsonNode view = api.get("/citizen/auditing", citizen.token()).expect(200).json();
        assertThat(view.at("/auditing/hr_info/uploaded").size()).as(view.toString()).isEqualTo(1);
        assertThat(view.at("/auditing/hr_info/downloaded").size()).as(view.toString()).isEqualTo(1);
    }

    /** The stream as the service wrote it before stable names: class names as payload types, chained over them. */
    private static void storeAsBeforeStableNames(List<EventRows.Row> stream) throws Exception {
        HashChain chain = new HashChain(JSON);
        String previous = HashChain.GENESIS;
        try (Connection connection = service.service().stores().dataSource().getConnection();
             PreparedStatement write = connection.prepareStatement("UPDATE domainEventEntry SET payloadType = ?, metaData = ? "
                     + "WHERE aggregateIdentifier = ? AND sequenceNumber = ?")) {
            for (EventRows.Row row : stream) {
                String className = NAMES.classOfStoredType(row.type()).orElseThrow().getName();
                ObjectNode meta = (ObjectNode) JSON.readTree(row.metaData());
                String hash = chain.hash(new HashChain.ChainedEvent(row.aggregate(), row.sequence(), className,
                        JSON.readTree(row.payload()), new Actor(meta.path(Actor.KIND).asText(null),
                        meta.path(Actor.NAME).asText(null), meta.path(Actor.HCO).asText(null)),
                        meta.get(HashChain.OCCURRED_AT).asText(), previous));
                meta.put(HashChain.PREV_HASH, previous).put(HashChain.HASH, hash);
                write.setString(1, className);
                write.setBytes(2, JSON.writeValueAsBytes(meta));
                write.setString(3, row.aggregate());
                write.setLong(4, row.sequence());
                assertThat(write.executeUpdate()).isEqualTo(1);
                previous = hash;
            }
        }
    }

    private static Citizen citizenWithADownloadedRecord() {
        Citizen citizen = api.newCitizen();
        api.signConsent(citizen.token(), "cloud").expect(200);
        api.upload("/citizen/upload", citizen.token(), "PATIENT_SUMMARY", "summary".getBytes(StandardCharsets.UTF_8)).expect(201);
        api.get("/citizen/" + citizen.username() + "/PATIENT_SUMMARY", citizen.token()).expect(200);
        return citizen;
    }

    private static JsonNode verify(Citizen citizen) {
        return api.get("/audit/verify?citizen=" + citizen.username(), auditorToken).expect(200).json();
    }

    private static JsonNode json(String line) {
        try {
            return JSON.readTree(line);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
