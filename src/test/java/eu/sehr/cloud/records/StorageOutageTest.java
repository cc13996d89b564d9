package eu.sehr.cloud.records;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import eu.sehr.cloud.support.Api;
import eu.sehr.cloud.support.Api.Citizen;
import eu.sehr.cloud.support.EventRows;
import eu.sehr.cloud.support.RunningService;
import eu.sehr.cloud.support.RunningService.Started;
import eu.sehr.cloud.support.SeparateStorage;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Object storage as a separate server that the test stops and starts again under a running service. */
class StorageOutageTest {

    @Test
    void should_answer_503_while_storage_is_down_record_nothing_and_recover_without_restart() throws Exception {
        Path dir = RunningService.tempDir();
        SeparateStorage storage = SeparateStorage.start(dir.resolve("s3"));
        try (storage; Started started = Started.start(dir, storage.settings())) {
            Api api = started.api();
            Citizen citizen = api.newCitizen();
            api.signConsent(citizen.token(), "cloud").expect(200);
            api.upload("/citizen/upload", citizen.token(), "BEFORE", bytes("before")).expect(201);
            EventRows events = new EventRows(started.service().stores().dataSource());
            String account = events.accountIdOf(citizen.username());
            long uploadsBefore = uploads(events, account);

            storage.stop();
            api.upload("/citizen/upload", citizen.token(), "DURING", bytes("during")).expectError(503);
            api.get("/citizen/" + citizen.username() + "/BEFORE", citizen.token()).expectError(503);
            Api.Response ready = api.get("/health/ready", null).expect(503);
            assertThat(ready.json().at("/checks/objectStorage").asText()).isEqualTo("DOWN");
            assertThat(ready.json().get("errorCode").asInt()).isEqualTo(503);
            assertThat(uploads(events, account)).isEqualTo(uploadsBefore);
            assertThat(api.get("/citizen/buckets/" + citizen.username(), citizen.token()).expect(200).json().get("objects"))
                    .hasSize(1);

            storage.restart();
            api.upload("/citizen/upload", citizen.token(), "AFTER", bytes("after")).expect(201);
            assertThat(api.get("/citizen/" + citizen.username() + "/BEFORE", citizen.token()).expect(200).body())
                    .isEqualTo(bytes("before"));
            api.get("/health/ready", null).expect(200);
        }
    }

    private static long uploads(EventRows events, String account) {
        return events.forAggregate(account).stream().filter(row -> row.simpleType().equals("HealthRecordUploaded")).count();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
