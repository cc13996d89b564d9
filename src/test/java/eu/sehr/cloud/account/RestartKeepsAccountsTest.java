package eu.sehr.cloud.account;

import java.nio.file.Path;
import java.util.Map;

import eu.sehr.cloud.support.Api.Citizen;
import eu.sehr.cloud.support.RunningService;
import eu.sehr.cloud.support.RunningService.Started;
import org.junit.jupiter.api.Test;

class RestartKeepsAccountsTest {

    @Test
    void should_keep_accounts_tokens_and_events_across_a_restart_on_the_same_data_dir() {
        Path dataDir = RunningService.tempDir();
        Citizen citizen;
        try (Started first = Started.start(dataDir, Map.of())) {
            citizen = first.api().newCitizen();
        }
        try (Started second = Started.start(dataDir, Map.of())) {
            second.api().login(citizen.username(), citizen.password()).expect(200);
            second.api().register(citizen.username(), "another password").expectError(409);
            second.api().delete("/citizen/account", citizen.token()).expect(200);
        }
    }
}
