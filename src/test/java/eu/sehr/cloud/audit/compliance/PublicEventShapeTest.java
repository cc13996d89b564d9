package eu.sehr.cloud.audit.compliance;

import java.time.Instant;
import java.util.Map;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import eu.sehr.cloud.audit.api.Actor;
import eu.sehr.cloud.audit.chain.HashChain;
import eu.sehr.cloud.emergency.api.EmergencyEvents.EmergencyAccessGranted;
import eu.sehr.cloud.extensions.PublicEvent;
import eu.sehr.cloud.infra.Json;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** What extensions receive is exactly a line of GET /audit/events, as {@link NdjsonEvents} writes it. */
class PublicEventShapeTest {

    private static final String ACCOUNT = "0f8e4a52-6c1d-4c55-9d8e-2a7f3b9c1d20";

    private final ObjectMapper mapper = Json.newMapper();

    @Test
    void should_give_extensions_the_same_json_as_the_audit_events_export() throws Exception {
        EmergencyAccessGranted granted = new EmergencyAccessGranted(ACCOUNT, "access-1", "grant-1", "3f2a9c01be",
                "Princeton Plainsboro", "Dr House", "cd".repeat(32), Instant.parse("2026-03-01T11:15:30Z"),
                "3f2a9c01be" + "ef".repeat(27), "unconscious patient admitted to the emergency department");
        MetaData metaData = new HashChain(mapper).link("ef".repeat(32), ACCOUNT, 4, granted,
                Actor.hcp("Dr House", "Princeton Plainsboro"), Instant.parse("2026-03-01T10:15:30.123456Z"));
        GenericDomainEventMessage<EmergencyAccessGranted> message =
                new GenericDomainEventMessage<>("CitizenAccount", ACCOUNT, 4, granted, metaData);
        // the event as the event store returns it: serialized metadata and payload, read back as JSON
        StoredEvent stored = new StoredEvent(17, "alice", ACCOUNT, 4L, granted.getClass().getName(),
                "2026-03-01T10:15:30.124Z", mapper.readValue(mapper.writeValueAsBytes(metaData), new TypeReference<Map<String, Object>>() {
                }), mapper.valueToTree(granted));

        JsonNode exported = mapper.readTree(mapper.writeValueAsString(NdjsonEvents.lineOf(stored)));
        JsonNode extension = mapper.readTree(mapper.writeValueAsString(PublicEvent.of(message, 17L, "alice", mapper)));

        assertThat(extension).isEqualTo(exported);
        assertThat(extension.get("type").asText()).isEqualTo("EmergencyAccessGranted");
        assertThat(extension.get("timestamp").asText()).isEqualTo("2026-03-01T10:15:30.123456Z");
    }
}
