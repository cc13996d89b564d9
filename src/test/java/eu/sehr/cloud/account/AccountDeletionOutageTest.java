package eu.sehr.cloud.account;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import eu.sehr.cloud.support.Api;
import eu.sehr.cloud.support.Api.Citizen;
import eu.sehr.cloud.support.EventRows;
import eu.sehr.cloud.support.RunningService;
import eu.sehr.cloud.support.RunningService.Started;
import eu.sehr.cloud.support.SeparateStorage;
import io.minio.ListObjectsArgs;
import io.minio.Result;
import io.minio.messages.Item;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The removal step of {@code DELETE /citizen/account} (camel-minio in routes/api/account.camel.yaml) while object
 * storage, a separate server here, is down: 503, the account and its objects stay, and the deletion is not appended;
 * the same request succeeds once storage is back.
 */
class AccountDeletionOutageTest {

    @Test
    void should_answer_503_and_keep_the_account_while_storage_is_down_then_delete_it_when_storage_is_back() throws Exception {
        Path dir = RunningService.tempDir();
        SeparateStorage storage = SeparateStorage.start(dir.resolve("s3"));
        try (storage; Started started = Started.start(dir, storage.settings())) {
            Api api = started.api();
            Citizen citizen = api.newCitizen();
            api.signConsent(citizen.token(), "cloud").expect(200);
            api.upload("/citizen/upload", citizen.token(), "PATIENT_SUMMARY", bytes("summary")).expect(201);
            EventRows events = new EventRows(started.service().stores().dataSource());
            String account = events.accountIdOf(citizen.username());

            storage.stop();
            api.delete("/citizen/account", citizen.token()).expectError(503);
            assertThat(types(events, account)).doesNotContain("CitizenAccountDeleted");

            storage.restart();
            assertThat(storedKeys(started, citizen.username() + "/")).as("the record stays").hasSize(1);
            api.login(citizen.username(), citizen.password()).expect(200);
            api.delete("/citizen/account", citizen.token()).expect(200);
            assertThat(storedKeys(started, citizen.username() + "/")).isEmpty();
            assertThat(storedKeys(started, "_consents/" + account + "/")).isEmpty();
            assertThat(types(events, account)).containsOnlyOnce("CitizenAccountDeleted");
        }
    }

    private static List<String> types(EventRows events, String account) {
        return events.forAggregate(account).stream().map(EventRows.Row::simpleType).toList();
    }

    private static List<String> storedKeys(Started started, String prefix) throws Exception {
        List<String> keys = new ArrayList<>();
        for (Result<Item> item : started.service().stores().minio().listObjects(ListObjectsArgs.builder()
                .bucket(started.service().stores().bucket()).prefix(prefix).recursive(true).build())) {
            keys.add(item.get().objectName());
        }
        return keys;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
