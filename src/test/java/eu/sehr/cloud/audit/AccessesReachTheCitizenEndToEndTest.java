package eu.sehr.cloud.audit;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.model.Filters;
import eu.sehr.cloud.audit.compliance.AuditorDirectory;
import eu.sehr.cloud.emergency.trust.CertifiedKey;
import eu.sehr.cloud.emergency.trust.DevCertificates;
import eu.sehr.cloud.emergency.trust.HcoAssertionSigner;
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
import eu.sehr.cloud.transparency.note.VerifierKey;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every access reaches the citizen's view: HCP listings and metadata reads, and compliance officers' exports, with or
 * without a citizen filter (a bulk export is one event naming the accounts it returned, shown to each of them, and one
 * leaf linked to each of them: in their {@code /citizen/log}, its view lines checked by {@code /audit/verify}).
 */
@ExtendWith(RunningService.class)
class AccessesReachTheCitizenEndToEndTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Api api;
    private final Started started;
    private String auditorName;
    private String auditorToken;

    AccessesReachTheCitizenEndToEndTest(Api api, Started started) {
        this.api = api;
        this.started = started;
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
    void should_show_the_citizen_hcp_listings_and_metadata_reads_but_not_their_own() {
        Citizen citizen = citizenWithRecord();
        String hcpToken = hcpTokenFor(citizen);
        api.get("/hcp/buckets", hcpToken).expect(200);
        api.get("/hcp/buckets/" + citizen.username(), hcpToken).expect(200);
        api.get("/hcp/" + citizen.username() + "/PATIENT_SUMMARY/metadata", hcpToken).expect(200);
        api.get("/citizen/buckets/" + citizen.username(), citizen.token()).expect(200);
        api.get("/citizen/" + citizen.username() + "/PATIENT_SUMMARY/metadata", citizen.token()).expect(200);

        JsonNode hco = api.get("/citizen/auditing", citizen.token()).expect(200).json().at("/auditing/hco");

        assertThat(hco.get("listed")).as(hco.toString()).hasSize(2);
        assertThat(hco.get("listed").findValuesAsText("healthcare_professional_name")).containsOnly("Dr House");
        assertThat(hco.get("listed").findValuesAsText("healthcare_organization_name")).containsOnly("St Mary Hospital");
        assertThat(hco.at("/listed/0/listed_on").asText()).endsWith("Z");
        assertThat(hco.get("metadata_read")).hasSize(1);
        assertThat(hco.at("/metadata_read/0/metadata_read_hr").asText()).isEqualTo("PATIENT_SUMMARY");
        assertThat(hco.at("/metadata_read/0/healthcare_professional_name").asText()).isEqualTo("Dr House");
        JsonNode verdict = api.get("/audit/verify?citizen=" + citizen.username(), auditorToken).expect(200).json();
        assertThat(verdict.get("valid").asBoolean()).as("the new view lines agree with the log: " + verdict).isTrue();
    }

    @Test
    void should_show_an_export_filtered_by_citizen_to_that_citizen() {
        Citizen citizen = citizenWithRecord();
        api.get("/audit/events?citizen=" + citizen.username() + "&type=HealthRecordUploaded", auditorToken).expect(200).text();

        JsonNode compliance = api.get("/citizen/auditing", citizen.token()).expect(200).json().at("/auditing/compliance");

        assertThat(compliance.findValuesAsText("auditor")).containsExactly(auditorName);
        assertThat(compliance.findValuesAsText("action")).containsExactly("events");
    }

    @Test
    void should_show_a_bulk_export_to_every_citizen_whose_events_it_returned_with_one_event() throws Exception {
        BulkExport export = bulkExportOfTwoCitizens();
        Citizen later = api.newCitizen();

        for (Citizen returned : List.of(export.first(), export.second())) {
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                JsonNode compliance = api.get("/citizen/auditing", returned.token()).expect(200).json()
                        .at("/auditing/compliance");
                assertThat(compliance.findValuesAsText("auditor")).containsExactly(auditorName);
                assertThat(compliance.findValuesAsText("action")).containsExactly("events");
                assertThat(compliance.get(0).get("on").asText()).endsWith("Z");
            });
        }
        List<JsonNode> exports = api.get("/audit/events?type=EventStoreExported&after=" + export.before(), auditorToken).expect(200)
                .text().lines().map(AccessesReachTheCitizenEndToEndTest::json)
                .filter(line -> auditorName.equals(line.at("/actor/name").asText()))
                .toList();
        assertThat(exports).as("one event for the whole export").hasSize(1);
        assertThat(JSON.convertValue(exports.get(0).at("/payload/accountIds"), String[].class))
                .contains(export.firstAccount(), export.secondAccount())
                .doesNotContain(new EventRows(started.service().stores().dataSource()).accountIdOf(later.username()));
        assertThat(api.get("/citizen/auditing", later.token()).expect(200).json().at("/auditing/compliance")).isEmpty();
    }

    @Test
    void should_list_a_bulk_export_in_the_log_of_each_returned_citizen_and_check_their_view_line() throws Exception {
        BulkExport export = bulkExportOfTwoCitizens();
        Citizen first = export.first();
        Citizen second = export.second();
        String firstAccount = export.firstAccount();

        // one leaf, linked to each account it names, in each citizen's log with its inclusion proof
        JsonNode firstEntry = await().atMost(Duration.ofSeconds(15)).until(() -> exportEntry(first), Objects::nonNull);
        JsonNode secondEntry = await().atMost(Duration.ofSeconds(15)).until(() -> exportEntry(second), Objects::nonNull);
        long leafIndex = firstEntry.get("index").asLong();
        assertThat(secondEntry.get("index").asLong()).as("one leaf for the whole export").isEqualTo(leafIndex);
        JsonNode leaf = JSON.readTree(Base64.getDecoder().decode(firstEntry.get("leaf").asText()));
        assertThat(leaf.get("account").isNull()).isTrue();
        assertThat(JSON.convertValue(leaf.at("/payload/accountIds"), String[].class)).contains(firstAccount, export.secondAccount());

        await().atMost(Duration.ofSeconds(10)).until(() -> api.get("/citizen/auditing", first.token()).expect(200).json()
                .at("/auditing/compliance").findValuesAsText("auditor").contains(auditorName));
        JsonNode untouched = verify(first);
        assertThat(untouched.get("valid").asBoolean()).as(untouched.toString()).isTrue();
        Document deleted = started.service().stores().mongo().getDatabase("sehr").getCollection("citizen_audit")
                .findOneAndDelete(Filters.and(Filters.eq("account", firstAccount), Filters.eq("section", "compliance"),
                        Filters.eq("item.auditor", auditorName), Filters.eq("item.action", "events")));
        assertThat(deleted).isNotNull();
        assertThat(deleted.getString("_id")).endsWith("/" + firstAccount);

        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            JsonNode verdict = verify(first);
            assertThat(verdict.get("valid").asBoolean()).as(verdict.toString()).isFalse();
            assertThat(verdict.get("firstBrokenIndex").asLong()).isEqualTo(leafIndex);
            assertThat(verdict.get("logProblem").asText()).isEqualTo("a leaf whose line is missing from the citizen's audit view");
        });
        JsonNode other = verify(second);
        assertThat(other.get("valid").asBoolean()).as("the other citizen's line is intact: " + other).isTrue();
    }

    /** The citizen's {@code /citizen/log} entry of this auditor's bulk export, its proof verified; null until it is there. */
    private JsonNode exportEntry(Citizen citizen) throws Exception {
        JsonNode answer = api.get("/citizen/log", citizen.token()).expect(200).json();
        SignedNote note = SignedNote.parse(answer.get("checkpoint").asText());
        VerifierKey logKey = VerifierKey.parse(api.get("/log/key", null).expect(200).text().strip());
        new TrustedNoteKeys(List.of(logKey.verifier())).verify(note);
        Checkpoint checkpoint = Checkpoint.parse(note.text());
        for (JsonNode entry : answer.get("entries")) {
            byte[] bytes = Base64.getDecoder().decode(entry.get("leaf").asText());
            JsonNode leaf = JSON.readTree(bytes);
            if ("EventStoreExported".equals(leaf.path("type").asText()) && auditorName.equals(leaf.at("/actor/name").asText())) {
                List<byte[]> proof = new ArrayList<>();
                entry.get("proof").forEach(hash -> proof.add(Base64.getDecoder().decode(hash.asText())));
                assertThat(ProofVerifier.inclusionIsValid(MerkleHash.leaf(bytes), entry.get("index").asLong(),
                        checkpoint.size(), proof, checkpoint.rootHash())).as("the export's leaf is proven").isTrue();
                return entry;
            }
        }
        return null;
    }

    private JsonNode verify(Citizen citizen) {
        return api.get("/audit/verify?citizen=" + citizen.username(), auditorToken).expect(200).json();
    }

    /** Two citizens with a record each, returned by a bulk export that started after {@code before}. */
    private record BulkExport(Citizen first, Citizen second, String firstAccount, String secondAccount, long before) {
    }

    /**
     * A bulk export (no citizen filter) that returns two new citizens, narrowed to uploads after the first one's first
     * event so that it reaches no other test's citizens.
     */
    private BulkExport bulkExportOfTwoCitizens() {
        Citizen first = citizenWithRecord();
        Citizen second = citizenWithRecord();
        EventRows rows = new EventRows(started.service().stores().dataSource());
        String firstAccount = rows.accountIdOf(first.username());
        String secondAccount = rows.accountIdOf(second.username());
        long before = rows.forAggregate(firstAccount).get(0).globalIndex() - 1;
        String export = api.get("/audit/events?type=HealthRecordUploaded&after=" + before, auditorToken).expect(200).text();
        assertThat(export).contains(firstAccount, secondAccount);
        return new BulkExport(first, second, firstAccount, secondAccount, before);
    }

    private Citizen citizenWithRecord() {
        Citizen citizen = api.newCitizen();
        api.signConsent(citizen.token(), "cloud").expect(200);
        api.upload("/citizen/upload", citizen.token(), "PATIENT_SUMMARY", "summary".getBytes(StandardCharsets.UTF_8)).expect(201);
        return citizen;
    }

    private String hcpTokenFor(Citizen citizen) {
        String emergencyToken = api.signConsent(citizen.token(), "hco").expect(200).json().get("emergencyToken").asText();
        CertifiedKey hospital = new DevCertificates(Clock.systemUTC()).hco("St Mary Hospital", started.hcoCa());
        String assertion = HcoAssertionSigner.of(hospital, List.of(started.hcoCa().certificate()), Clock.systemUTC())
                .sign("Dr House", "unconscious patient admitted to the emergency department");
        return api.postJson("/hcp/requestaccess", emergencyToken, "{\"hcoAssertion\":\"" + assertion + "\"}")
                .expect(200).json().get("hcoEmergencyToken").asText();
    }

    private static JsonNode json(String line) {
        try {
            return JSON.readTree(line);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
