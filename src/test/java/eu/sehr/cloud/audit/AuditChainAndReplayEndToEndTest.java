package eu.sehr.cloud.audit;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import eu.sehr.cloud.audit.api.Actor;
import eu.sehr.cloud.audit.query.AuditEntry;
import eu.sehr.cloud.audit.query.AuditViews;
import eu.sehr.cloud.support.Api;
import eu.sehr.cloud.support.Api.Citizen;
import eu.sehr.cloud.support.EventRows;
import eu.sehr.cloud.support.RunningService.Started;
import eu.sehr.cloud.records.api.RecordCommands.ListBucketsCommand;
import eu.sehr.cloud.records.api.Requester;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.bson.Document;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The audit trail's integrity: the hash chain finds a tampered event, replay rebuilds the same views, a duplicate
 * delivery or a deleted account keeps the stream right.
 */
class AuditChainAndReplayEndToEndTest extends AuditFixture {

    AuditChainAndReplayEndToEndTest(Api api, Started started) {
        super(api, started);
    }

    @Test
    void should_verify_the_chain_and_find_a_tampered_event() throws Exception {
        Citizen citizen = citizenWithRecord("PATIENT_SUMMARY");
        JsonNode valid = api.get("/audit/verify?citizen=" + citizen.username(), auditorToken).expect(200).json();
        assertThat(valid.get("valid").asBoolean()).isTrue();
        assertThat(valid.get("events").asLong()).isGreaterThanOrEqualTo(4);

        EventRows events = new EventRows(started.service().stores().dataSource());
        String account = events.accountIdOf(citizen.username());
        EventRows.Row uploaded = events.forAggregate(account).stream()
                .filter(row -> row.simpleType().equals("HealthRecordUploaded")).findFirst().orElseThrow();
        try (Connection connection = started.service().stores().dataSource().getConnection();
             PreparedStatement tamper = connection.prepareStatement(
                     "UPDATE domainEventEntry SET payload = ? WHERE aggregateIdentifier = ? AND sequenceNumber = ?")) {
            tamper.setBytes(1, uploaded.payload().replace("PATIENT_SUMMARY", "SOMETHING_ELSE").getBytes(StandardCharsets.UTF_8));
            tamper.setString(2, account);
            tamper.setLong(3, uploaded.sequence());
            assertThat(tamper.executeUpdate()).isEqualTo(1);
        }
        JsonNode broken = api.get("/audit/verify?citizen=" + citizen.username(), auditorToken).expect(200).json();
        assertThat(broken.get("valid").asBoolean()).isFalse();
        assertThat(broken.get("firstBrokenSequence").asLong()).isEqualTo(uploaded.sequence());
        assertThat(broken.get("account").asText()).isEqualTo(account);
    }

    @Test
    void should_find_a_tampered_event_deep_in_a_long_chain() throws Exception {
        Citizen citizen = api.newCitizen();
        EventRows events = new EventRows(started.service().stores().dataSource());
        String account = events.accountIdOf(citizen.username());
        CommandGateway commands = started.service().axon().commandGateway();
        for (int i = 0; i < 1_500; i++) {
            commands.sendAndWait(new ListBucketsCommand(account, Requester.citizen(Actor.citizen(citizen.username())),
                    Instant.now()));
        }
        JsonNode valid = api.get("/audit/verify?citizen=" + citizen.username(), auditorToken).expect(200).json();
        assertThat(valid.get("valid").asBoolean()).isTrue();
        assertThat(valid.get("events").asLong()).isGreaterThan(1_500);

        long tampered = 1_234;
        try (Connection connection = started.service().stores().dataSource().getConnection();
             PreparedStatement tamper = connection.prepareStatement(
                     "UPDATE domainEventEntry SET metaData = convert_to(replace(convert_from(metaData, 'UTF8'), "
                             + "?, 'someone else'), 'UTF8') WHERE aggregateIdentifier = ? AND sequenceNumber = ?")) {
            tamper.setString(1, citizen.username());
            tamper.setString(2, account);
            tamper.setLong(3, tampered);
            assertThat(tamper.executeUpdate()).isEqualTo(1);
        }
        JsonNode broken = api.get("/audit/verify?citizen=" + citizen.username(), auditorToken).expect(200).json();
        assertThat(broken.get("valid").asBoolean()).isFalse();
        assertThat(broken.get("firstBrokenSequence").asLong()).isEqualTo(tampered);
        assertThat(broken.get("events").asLong()).isEqualTo(valid.get("events").asLong() + 1);
    }

    @Test
    void should_rebuild_the_views_by_replay_to_the_same_content() {
        Citizen citizen = citizenWithRecord("PATIENT_SUMMARY");
        api.get("/citizen/" + citizen.username() + "/PATIENT_SUMMARY", citizen.token()).expect(200);
        JsonNode before = api.get("/citizen/auditing", citizen.token()).expect(200).json();

        String replayId = api.postJson("/audit/replay", auditorToken, "{}").expect(202).json().get("replayId").asText();
        await().atMost(Duration.ofSeconds(30)).until(() ->
                api.get("/audit/replay/" + replayId, auditorToken).expect(200).json().get("state").asText().equals("done"));
        JsonNode status = api.get("/audit/replay/" + replayId, auditorToken).expect(200).json();
        assertThat(status.get("processed").asLong()).isEqualTo(status.get("total").asLong());

        JsonNode after = api.get("/citizen/auditing", citizen.token()).expect(200).json();
        assertThat(after).isEqualTo(before);
        api.get("/audit/replay/no-such-replay", auditorToken).expectError(404);
    }

    @Test
    void should_keep_the_view_unchanged_when_an_event_is_delivered_twice() {
        Citizen citizen = citizenWithRecord("PATIENT_SUMMARY");
        JsonNode before = api.get("/citizen/auditing", citizen.token()).expect(200).json();
        String account = new EventRows(started.service().stores().dataSource()).accountIdOf(citizen.username());
        AuditViews views = new AuditViews(started.service().stores().mongo().getDatabase("sehr"));
        Document line = views.read(account).get(0);
        @SuppressWarnings("unchecked")
        Map<String, Object> item = (Map<String, Object>) line.get("item");
        AuditEntry again = new AuditEntry(line.getString("_id"), account, line.getLong("position"), line.getString("section"), item);
        int lines = views.read(account).size();
        views.saveAll(List.of(again, again));
        views.saveAll(List.of(again));
        assertThat(views.read(account)).hasSize(lines);
        assertThat(api.get("/citizen/auditing", citizen.token()).expect(200).json()).isEqualTo(before);
    }

    @Test
    void should_keep_the_stream_but_remove_the_view_when_the_account_is_deleted() {
        Citizen citizen = citizenWithRecord("PATIENT_SUMMARY");
        String account = new EventRows(started.service().stores().dataSource()).accountIdOf(citizen.username());
        api.delete("/citizen/account", citizen.token()).expect(200);
        AuditViews views = new AuditViews(started.service().stores().mongo().getDatabase("sehr"));
        await().atMost(Duration.ofSeconds(5)).until(() -> views.read(account).isEmpty());
        List<JsonNode> stream = ndjson(api.get("/audit/events?citizen=" + citizen.username(), auditorToken).expect(200));
        assertThat(stream).extracting(line -> line.get("type").asText()).contains("CitizenAccountDeleted");
        assertThat(api.get("/audit/verify?citizen=" + citizen.username(), auditorToken).expect(200).json().get("valid").asBoolean()).isTrue();
    }
}
