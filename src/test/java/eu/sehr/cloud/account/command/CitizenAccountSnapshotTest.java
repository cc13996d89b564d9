package eu.sehr.cloud.account.command;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import eu.sehr.cloud.account.api.CitizenEvent;
import eu.sehr.cloud.audit.chain.HashChain;
import eu.sehr.cloud.emergency.api.EmergencyEvents.HealthRecordHiddenFromEmergency;
import eu.sehr.cloud.infra.Json;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.Test;

import static eu.sehr.cloud.account.command.Histories.ACCESS;
import static eu.sehr.cloud.account.command.Histories.ACCOUNT;
import static eu.sehr.cloud.account.command.Histories.accessGranted;
import static eu.sehr.cloud.account.command.Histories.cloudConsent;
import static eu.sehr.cloud.account.command.Histories.hcoConsent;
import static eu.sehr.cloud.account.command.Histories.registered;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A snapshot holds the fields of revision {@link CitizenAccount#SNAPSHOT_REVISION}, whichever class of the account's
 * hierarchy declares them, and an account read back from it decides as the one written.
 */
class CitizenAccountSnapshotTest {

    private final ObjectMapper mapper = Json.newMapper();

    @Test
    void should_write_the_fields_of_its_revision_and_read_them_back() throws Exception {
        CitizenAccount account = new CitizenAccount();
        List<CitizenEvent> events = new ArrayList<>(List.of(registered(), cloudConsent(), hcoConsent(), accessGranted(),
                new HealthRecordHiddenFromEmergency(ACCOUNT, "alice", "LAB")));
        for (int i = 0; i < events.size(); i++) {
            account.on(events.get(i), MetaData.with(HashChain.HASH, "hash-" + i));
        }

        JsonNode snapshot = mapper.readTree(mapper.writeValueAsString(account));
        assertThat(names(snapshot.fieldNames())).containsExactlyInAnyOrder("accountId", "username", "deleted",
                "cloudConsent", "hcoGrant", "emergencyAccesses", "hiddenRecords", "nextSequence", "chainHead");
        assertThat(snapshot.get("nextSequence").asLong()).isEqualTo(5);
        assertThat(snapshot.get("chainHead").asText()).isEqualTo("hash-4");

        CitizenAccount read = mapper.readValue(mapper.writeValueAsString(account), CitizenAccount.class);
        assertThat(read).usingRecursiveComparison().isEqualTo(account);
        assertThat(read.emergencyAccesses.get(ACCESS).hcpName()).isEqualTo("Dr House");
    }

    private static List<String> names(Iterator<String> names) {
        List<String> list = new ArrayList<>();
        names.forEachRemaining(list::add);
        return list;
    }
}
