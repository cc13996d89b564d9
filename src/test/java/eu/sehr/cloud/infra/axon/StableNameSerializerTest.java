package eu.sehr.cloud.infra.axon;

import eu.sehr.cloud.account.command.CitizenAccount;
import eu.sehr.cloud.infra.Json;
import eu.sehr.cloud.records.api.RecordEvents.HealthRecordDownloaded;
import eu.sehr.cloud.transparency.log.EventNames;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.SimpleSerializedType;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class StableNameSerializerTest {

    private static final HealthRecordDownloaded DOWNLOADED =
            new HealthRecordDownloaded("acc-1", "alice", "PATIENT_SUMMARY", 4096, "ab".repeat(32));

    private final StableNameSerializer serializer = StableNameSerializer.of(Json.newMapper(), new EventNames());

    @Test
    void should_store_an_event_under_its_stable_name_and_read_it_back() {
        SerializedObject<byte[]> stored = serializer.serialize(DOWNLOADED, byte[].class);

        assertThat(stored.getType().getName()).isEqualTo("HealthRecordDownloaded");
        assertThat(serializer.classForType(stored.getType())).isEqualTo(HealthRecordDownloaded.class);
        assertThat((Object) serializer.deserialize(stored)).isEqualTo(DOWNLOADED);
    }

    @Test
    void should_read_an_event_stored_under_its_class_name_before_stable_names() {
        byte[] payload = serializer.serialize(DOWNLOADED, byte[].class).getData();
        SimpleSerializedObject<byte[]> older = new SimpleSerializedObject<>(payload, byte[].class,
                new SimpleSerializedType(HealthRecordDownloaded.class.getName(), null));

        assertThat(serializer.classForType(older.getType())).isEqualTo(HealthRecordDownloaded.class);
        assertThat((Object) serializer.deserialize(older)).isEqualTo(DOWNLOADED);
    }

    @Test
    void should_keep_class_names_for_what_is_not_an_event() {
        assertThat(serializer.typeForClass(MetaData.class).getName()).isEqualTo(MetaData.class.getName());
        assertThat(serializer.typeForClass(CitizenAccount.class).getName()).isEqualTo(CitizenAccount.class.getName());
        assertThat(serializer.classForType(new SimpleSerializedType(MetaData.class.getName(), null))).isEqualTo(MetaData.class);
    }
}
