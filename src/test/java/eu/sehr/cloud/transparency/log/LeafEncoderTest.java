package eu.sehr.cloud.transparency.log;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import eu.sehr.cloud.account.api.AccountEvents;
import eu.sehr.cloud.audit.api.Actor;
import eu.sehr.cloud.audit.api.AuditEvents;
import eu.sehr.cloud.audit.api.AuditorEvents;
import eu.sehr.cloud.consent.api.ConsentEvents;
import eu.sehr.cloud.emergency.api.EmergencyEvents;
import eu.sehr.cloud.infra.Json;
import eu.sehr.cloud.records.api.RecordEvents;
import eu.sehr.cloud.records.api.RecordEvents.HealthRecordDownloaded;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LeafEncoderTest {

    private static final ObjectMapper MAPPER = Json.newMapper();
    private static final String SALT = "00112233445566778899aabbccddeeff";

    private final EventLeaves leaves = new EventLeaves(MAPPER, new EventNames());
    private final LeafEncoder encoder = new LeafEncoder(MAPPER);

    @Test
    void should_write_a_leaf_as_canonical_json_with_the_stable_name_and_the_stream_account() {
        var event = new GenericDomainEventMessage<>("CitizenAccount", "account-1", 4,
                new HealthRecordDownloaded("account-1", "alice", "PATIENT_SUMMARY", 7, "ab"),
                MetaData.with(Actor.KIND, "HCP").and(Actor.NAME, "Dr House").and(Actor.HCO, "St Mary"),
                "event-1", Instant.parse("2026-11-24T10:15:30.123456Z"));

        String leaf = new String(encoder.bytes(leaves.of(event, SALT)), StandardCharsets.UTF_8);

        assertThat(leaf).isEqualTo("{\"account\":\"account-1\",\"actor\":{\"hco\":\"St Mary\",\"kind\":\"HCP\",\"name\":\"Dr House\"},"
                + "\"payload\":{\"accountId\":\"account-1\",\"bucket\":\"alice\",\"bytes\":7,\"object\":\"PATIENT_SUMMARY\",\"sha256\":\"ab\"},"
                + "\"salt\":\"" + SALT + "\",\"timestamp\":\"2026-11-24T10:15:30.123Z\",\"type\":\"HealthRecordDownloaded\"}");
    }

    @Test
    void should_give_events_about_no_account_a_null_account() {
        var event = GenericEventMessage.asEventMessage(new AuditorEvents.AuditorLoggedIn("officer"))
                .andMetaData(MetaData.with(Actor.KIND, "AUDITOR").and(Actor.NAME, "officer"));
        assertThat(new String(encoder.bytes(leaves.of(event, SALT)), StandardCharsets.UTF_8))
                .startsWith("{\"account\":null,\"actor\":{\"hco\":null,\"kind\":\"AUDITOR\",\"name\":\"officer\"}")
                .endsWith("\"type\":\"AuditorLoggedIn\"}");
    }

    @Test
    void should_change_the_leaf_hash_with_the_salt() {
        var event = GenericEventMessage.asEventMessage(new AuditorEvents.AuditorLoggedIn("officer"));
        assertThat(encoder.hash(leaves.of(event, SALT))).isNotEqualTo(encoder.hash(leaves.of(event, "ff".repeat(16))));
    }

    @Test
    void should_name_every_event_of_the_service_and_refuse_an_unnamed_one() {
        EventNames names = new EventNames();
        List<Class<?>> events = Arrays.stream(new Class<?>[]{AccountEvents.class, AuditEvents.class, AuditorEvents.class,
                        ConsentEvents.class, EmergencyEvents.class, RecordEvents.class})
                .flatMap(holder -> Arrays.stream(holder.getDeclaredClasses())).filter(Class::isRecord).toList();
        assertThat(events).hasSizeGreaterThan(15);
        events.forEach(event -> assertThat(names.of(event)).isEqualTo(event.getSimpleName()));
        assertThat(names.ofStoredType(HealthRecordDownloaded.class.getName())).contains("HealthRecordDownloaded");
        assertThatThrownBy(() -> names.of(String.class)).isInstanceOf(EventNames.UnnamedEventException.class);
    }
}
