package eu.sehr.cloud.transparency;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.model.Filters;
import eu.sehr.cloud.audit.compliance.AuditorDirectory;
import eu.sehr.cloud.infra.Sql;
import eu.sehr.cloud.security.PasswordHasher;
import eu.sehr.cloud.support.Api;
import eu.sehr.cloud.support.Api.Citizen;
import eu.sehr.cloud.support.EventRows;
import eu.sehr.cloud.support.RunningService;
import eu.sehr.cloud.support.RunningService.Started;
import eu.sehr.cloud.transparency.merkle.MerkleHash;
import eu.sehr.cloud.transparency.merkle.ProofVerifier;
import eu.sehr.cloud.transparency.note.Checkpoint;
import eu.sehr.cloud.transparency.note.SignedNote;
import eu.sehr.cloud.transparency.note.TrustedNoteKeys;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A bulk export (no citizen filter) is one leaf naming many accounts: it is linked to each, so every citizen it
 * returned finds it in {@code GET /citizen/log} with its inclusion proof, and {@code /audit/verify} checks their view
 * line for it.
 */
@ExtendWith(RunningService.class)
class BulkExportInCitizenLogEndToEndTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Api api;
    private final Started started;
    private final LogClient log;
    private String auditorName;
    private String auditorToken;

    BulkExportInCitizenLogEndToEndTest(Api api, Started started) {
        this.api = api;
        this.started = started;
        this.log = new LogClient(api);
    }

    @BeforeEach
    void an_auditor() {
        auditorName = "officer-" + UUID.randomUUID().toString().substring(0, 8);
        new AuditorDirectory(new Sql(started.service().stores().dataSource()::getConnection))
                .put(auditorName, new PasswordHasher().hash("compliance officer password"));
        auditorToken = api.postJson("/auditor/login", null, Api.credentials(auditorName, "compliance officer password"))
                .expect(200).json().get("token").asText();
    }

    @Test
    void should_list_a_bulk_export_in_the_log_of_each_returned_citizen_and_check_their_view_line() throws Exception {
        Citizen first = citizenWithRecord();
        Citizen second = citizenWithRecord();
        EventRows rows = new EventRows(started.service().stores().dataSource());
        String firstAccount = rows.accountIdOf(first.username());
        String secondAccount = rows.accountIdOf(second.username());
        long before = rows.forAggregate(firstAccount).get(0).globalIndex() - 1;

        // narrowed to uploads after the first citizen's first event, so that it reaches no other test's citizens
        assertThat(api.get("/audit/events?type=HealthRecordUploaded&after=" + before, auditorToken).expect(200).text())
                .contains(firstAccount, secondAccount);

        long leafIndex = -1;
        for (Citizen returned : List.of(first, second)) {
            JsonNode entry = await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(200))
                    .until(() -> exportEntry(returned), found -> found != null);
            assertThat(leafIndex == -1 || leafIndex == entry.get("index").asLong()).as("one leaf for the whole export").isTrue();
            leafIndex = entry.get("index").asLong();
        }
        JsonNode leaf = JSON.readTree(Base64.getDecoder().decode(exportEntry(first).get("leaf").asText()));
        assertThat(leaf.get("account").isNull()).isTrue();
        assertThat(JSON.convertValue(leaf.at("/payload/accountIds"), String[].class)).contains(firstAccount, secondAccount);

        String line = eventIdOf(leafIndex) + "/" + firstAccount;
        await().atMost(Duration.ofSeconds(15)).until(() -> api.get("/citizen/auditing", first.token()).expect(200).json()
                .at("/auditing/compliance").findValuesAsText("auditor").contains(auditorName));
        JsonNode untouched = verify(first);
        assertThat(untouched.get("valid").asBoolean()).as(untouched.toString()).isTrue();

        long deleted = started.service().stores().mongo().getDatabase("sehr").getCollection("citizen_audit")
                .deleteOne(Filters.eq("_id", line)).getDeletedCount();
        assertThat(deleted).isEqualTo(1);

        long exportLeaf = leafIndex;
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            JsonNode verdict = verify(first);
            assertThat(verdict.get("valid").asBoolean()).as(verdict.toString()).isFalse();
            assertThat(verdict.get("firstBrokenIndex").asLong()).isEqualTo(exportLeaf);
            assertThat(verdict.get("logProblem").asText()).isEqualTo("a leaf whose line is missing from the citizen's audit view");
        });
        JsonNode other = verify(second);
        assertThat(other.get("valid").asBoolean()).as("the other citizen's line is intact: " + other).isTrue();
        assertThat(linksMadeBySchemaFromPayloads(leafIndex)).contains(firstAccount, secondAccount);
    }

    /**
     * The links the schema makes from the stored leaves when it creates the link table (a log of an earlier version):
     * the table dropped and the schema run again, in a transaction that is rolled back.
     */
    private List<String> linksMadeBySchemaFromPayloads(long leafIndex) throws Exception {
        String schema;
        try (InputStream in = getClass().getResourceAsStream("/db/schema.sql")) {
            schema = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        try (Connection connection = started.service().stores().dataSource().getConnection()) {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                statement.execute("DROP TABLE log_leaf_account");
                statement.execute(schema);
                List<String> linked = new ArrayList<>();
                try (ResultSet result = statement.executeQuery(
                        "SELECT account_id FROM log_leaf_account WHERE leaf_index = " + leafIndex)) {
                    while (result.next()) {
                        linked.add(result.getString(1));
                    }
                }
                return linked;
            } finally {
                connection.rollback();
                connection.setAutoCommit(true);
            }
        }
    }

    /** The citizen's {@code /citizen/log} entry of this auditor's bulk export, its proof verified; null until it is there. */
    private JsonNode exportEntry(Citizen citizen) throws Exception {
        JsonNode answer = api.get("/citizen/log", citizen.token()).expect(200).json();
        SignedNote note = SignedNote.parse(answer.get("checkpoint").asText());
        new TrustedNoteKeys(List.of(log.key().verifier())).verify(note);
        Checkpoint checkpoint = Checkpoint.parse(note.text());
        for (JsonNode entry : answer.get("entries")) {
            byte[] bytes = Base64.getDecoder().decode(entry.get("leaf").asText());
            JsonNode leaf = JSON.readTree(bytes);
            if ("EventStoreExported".equals(leaf.path("type").asText()) && auditorName.equals(leaf.at("/actor/name").asText())) {
                assertThat(ProofVerifier.inclusionIsValid(MerkleHash.leaf(bytes), entry.get("index").asLong(),
                        checkpoint.size(), LogClient.hashes(entry.get("proof")), checkpoint.rootHash()))
                        .as("the export's leaf is proven in the checkpoint").isTrue();
                return entry;
            }
        }
        return null;
    }

    private JsonNode verify(Citizen citizen) {
        return api.get("/audit/verify?citizen=" + citizen.username(), auditorToken).expect(200).json();
    }

    private String eventIdOf(long leafIndex) throws Exception {
        try (Connection connection = started.service().stores().dataSource().getConnection();
             PreparedStatement statement = connection.prepareStatement("SELECT event_id FROM log_leaf WHERE leaf_index = ?")) {
            statement.setLong(1, leafIndex);
            try (ResultSet result = statement.executeQuery()) {
                assertThat(result.next()).isTrue();
                return result.getString(1);
            }
        }
    }

    private Citizen citizenWithRecord() {
        Citizen citizen = api.newCitizen();
        api.signConsent(citizen.token(), "cloud").expect(200);
        api.upload("/citizen/upload", citizen.token(), "PATIENT_SUMMARY", "summary".getBytes(StandardCharsets.UTF_8)).expect(201);
        return citizen;
    }
}
