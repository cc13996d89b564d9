package eu.sehr.cloud.account;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import eu.sehr.cloud.infra.embedded.EmbeddedObjectStorage;
import eu.sehr.cloud.support.Api;
import eu.sehr.cloud.support.Api.Citizen;
import eu.sehr.cloud.support.EventRows;
import eu.sehr.cloud.support.RunningService;
import eu.sehr.cloud.support.RunningService.Started;
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
        EmbeddedObjectStorage storage = EmbeddedObjectStorage.start(dir.resolve("s3"));
        int port = Integer.parseInt(storage.endpoint().substring(storage.endpoint().lastIndexOf(':') + 1));
        Map<String, String> settings = Map.of("sehr.s3.endpoint", storage.endpoint(),
                "sehr.s3.access-key", storage.accessKey(), "sehr.s3.secret-key", storage.secretKey());
        try (Started started = Started.start(dir, settings)) {
            Api api = started.api();
            Citizen citizen = api.newCitizen();
            api.signConsent(citizen.token(), "cloud").expect(200);
            api.upload("/citizen/upload", citizen.token(), "PATIENT_SUMMARY", bytes("summary")).expect(201);
            EventRows events = new EventRows(started.service().stores().dataSource());
            String account = events.accountIdOf(citizen.username());

            storage.close();
            api.delete("/citizen/account", citizen.token()).expectError(503);
            assertThat(types(events, account)).doesNotContain("CitizenAccountDeleted");

            storage = EmbeddedObjectStorage.start(dir.resolve("s3"), port, storage.accessKey(), storage.secretKey());
            assertThat(storedKeys(started, citizen.username() + "/")).as("the record stays").hasSize(1);
            api.login(citizen.username(), citizen.password()).expect(200);
            api.delete("/citizen/account", citizen.token()).expect(200);
            assertThat(storedKeys(started, citizen.username() + "/")).isEmpty();
            assertThat(storedKeys(started, "_consents/" + account + "/")).isEmpty();
            assertThat(types(events, account)).containsOnlyOnce("CitizenAccountDeleted");
        } finally {
            storage.close();
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
