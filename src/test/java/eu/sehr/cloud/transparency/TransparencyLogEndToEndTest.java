package eu.sehr.cloud.transparency;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import eu.sehr.cloud.audit.compliance.AuditorDirectory;
import eu.sehr.cloud.infra.Sql;
import eu.sehr.cloud.security.PasswordHasher;
import eu.sehr.cloud.support.Api;
import eu.sehr.cloud.support.Api.Citizen;
import eu.sehr.cloud.support.RunningService;
import eu.sehr.cloud.support.RunningService.Started;
import eu.sehr.cloud.transparency.merkle.MerkleHash;
import eu.sehr.cloud.transparency.merkle.ProofVerifier;
import eu.sehr.cloud.transparency.note.Checkpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(RunningService.class)
class TransparencyLogEndToEndTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Api api;
    private final Started started;
    private final LogClient log;

    TransparencyLogEndToEndTest(Api api, Started started) {
        this.api = api;
        this.started = started;
        this.log = new LogClient(api);
    }

    @Test
    void should_serve_its_key_and_a_checkpoint_signed_with_it_for_the_configured_origin() {
        assertThat(api.get("/log/key", null).expect(200).header("Content-Type")).startsWith("text/plain");
        assertThat(log.key().name()).isEqualTo("sehr-cloud.example/log");
        Checkpoint checkpoint = log.checkpoint();
        assertThat(checkpoint.origin()).isEqualTo("sehr-cloud.example/log");
        assertThat(api.get("/log/checkpoint", null).expect(200).header("Content-Type")).startsWith("text/plain");
    }

    @Test
    void should_make_every_stored_event_exactly_one_leaf() throws Exception {
        Citizen citizen = api.newCitizen();
        api.signConsent(citizen.token(), "cloud").expect(200);
        api.upload("/citizen/upload", citizen.token(), "PATIENT_SUMMARY", "summary".getBytes(StandardCharsets.UTF_8)).expect(201);
        api.postJson("/auditor/login", null, Api.credentials("nobody-" + UUID.randomUUID().toString().substring(0, 6), "x"))
                .expectError(401);
        long events = count("SELECT count(*) FROM domainEventEntry");
        log.checkpointCovering(events);
        assertThat(count("SELECT count(*) FROM log_leaf")).isGreaterThanOrEqualTo(events);
        assertThat(count("SELECT count(*) FROM domainEventEntry e WHERE NOT EXISTS "
                + "(SELECT 1 FROM log_leaf l WHERE l.event_id = e.eventIdentifier)")).isZero();
        assertThat(count("SELECT count(*) FROM (SELECT event_id FROM log_leaf GROUP BY event_id HAVING count(*) > 1) d")).isZero();
        assertThat(count("SELECT count(*) FROM log_leaf")).isEqualTo(count("SELECT max(leaf_index) + 1 FROM log_leaf"));
    }

    @Test
    void should_give_the_citizen_every_leaf_of_their_account_with_a_proof_that_verifies() throws Exception {
        Citizen citizen = api.newCitizen();
        api.get("/citizen/buckets", citizen.token()).expect(200);
        log.checkpointCovering(count("SELECT count(*) FROM domainEventEntry"));

        JsonNode answer = api.get("/citizen/log", citizen.token()).expect(200).json();
        Checkpoint checkpoint = Checkpoint.parse(eu.sehr.cloud.transparency.note.SignedNote.parse(answer.get("checkpoint").asText()).text());
        List<String> types = new ArrayList<>();
        for (JsonNode entry : answer.get("entries")) {
            byte[] leaf = Base64.getDecoder().decode(entry.get("leaf").asText());
            assertThat(ProofVerifier.inclusionIsValid(MerkleHash.leaf(leaf), entry.get("index").asLong(), checkpoint.size(),
                    LogClient.hashes(entry.get("proof")), checkpoint.rootHash())).isTrue();
            JsonNode content = JSON.readTree(leaf);
            assertThat(content.fieldNames()).toIterable().containsExactly("account", "actor", "payload", "salt", "timestamp", "type");
            assertThat(content.get("salt").asText()).matches("[0-9a-f]{32}");
            assertThat(new String(leaf, StandardCharsets.UTF_8)).doesNotContain(" ", "\n");
            types.add(content.get("type").asText());
        }
        assertThat(types).containsSubsequence("CitizenRegistered", "CitizenLoggedIn", "BucketsListed");

        long last = answer.get("entries").get(answer.get("entries").size() - 1).get("index").asLong();
        assertThat(api.get("/citizen/log?after=" + last, citizen.token()).expect(200).json().get("entries")).isEmpty();
        api.get("/citizen/log", null).expectError(401);
    }

    @Test
    void should_serve_inclusion_and_consistency_proofs_that_verify_against_signed_roots() {
        api.newCitizen();
        Checkpoint older = log.checkpointCovering(1);
        api.newCitizen();
        Checkpoint newer = log.checkpointCovering(older.size() + 2);

        JsonNode consistency = api.get("/log/proof/consistency?from=" + older.size() + "&to=" + newer.size(), null)
                .expect(200).json();
        assertThat(consistency.get("from").asLong()).isEqualTo(older.size());
        assertThat(consistency.get("to").asLong()).isEqualTo(newer.size());
        assertThat(ProofVerifier.consistencyIsValid(older.size(), older.rootHash(), newer.size(), newer.rootHash(),
                LogClient.hashes(consistency.get("hashes")))).isTrue();

        long index = newer.size() - 1;
        JsonNode inclusion = api.get("/log/proof/inclusion?index=" + index + "&size=" + newer.size(), null).expect(200).json();
        assertThat(inclusion.fieldNames()).toIterable().containsExactly("index", "size", "hashes");
        byte[] leafHash = leafHashAt(index);
        assertThat(ProofVerifier.inclusionIsValid(leafHash, index, newer.size(), LogClient.hashes(inclusion.get("hashes")),
                newer.rootHash())).isTrue();
    }

    @Test
    void should_refuse_proofs_it_cannot_give_with_400() {
        api.newCitizen();
        long size = log.checkpointCovering(1).size();
        api.get("/log/proof/inclusion?index=" + size + "&size=" + size, null).expectError(400);
        api.get("/log/proof/inclusion?index=0&size=" + (size + 1_000_000), null).expectError(400);
        api.get("/log/proof/inclusion?index=-1&size=" + size, null).expectError(400);
        api.get("/log/proof/inclusion?size=" + size, null).expectError(400);
        api.get("/log/proof/consistency?from=2&to=1", null).expectError(400);
        api.get("/log/proof/consistency?from=1&to=" + (size + 1_000_000), null).expectError(400);
        api.get("/log/proof/consistency?from=x&to=1", null).expectError(400);
    }

    @Test
    void should_receipt_every_response_that_stored_an_event_refusals_included() throws Exception {
        Citizen citizen = api.newCitizen();
        Api.Response listing = api.get("/citizen/buckets", citizen.token()).expect(200);
        Api.Response refusal = api.get("/citizen/" + citizen.username() + "/PATIENT_SUMMARY", citizen.token());
        assertThat(refusal.status()).isBetween(400, 499);
        Api.Response proof = api.get("/log/key", null).expect(200);

        JsonNode claims = log.receiptClaims(listing.header("Audit-Receipt"));
        assertThat(claims.get("mmd").asLong()).isEqualTo(2);
        assertThat(claims.get("iat").asLong()).isPositive();
        assertThat(log.receiptClaims(refusal.header("Audit-Receipt")).get("leaf").asText()).isNotBlank();
        assertThat(proof.header("Audit-Receipt")).isNull();

        Checkpoint checkpoint = log.checkpointCovering(count("SELECT count(*) FROM domainEventEntry"));
        Set<String> leafHashes = new HashSet<>();
        for (JsonNode entry : api.get("/citizen/log", citizen.token()).expect(200).json().get("entries")) {
            leafHashes.add(Base64.getEncoder().encodeToString(MerkleHash.leaf(Base64.getDecoder().decode(entry.get("leaf").asText()))));
        }
        assertThat(checkpoint.size()).isPositive();
        assertThat(leafHashes).contains(claims.get("leaf").asText(),
                log.receiptClaims(refusal.header("Audit-Receipt")).get("leaf").asText());
    }

    @Test
    void should_log_events_about_no_account_such_as_auditor_logins() throws Exception {
        String auditor = "officer-" + UUID.randomUUID().toString().substring(0, 8);
        new AuditorDirectory(new Sql(started.service().stores().dataSource()::getConnection))
                .put(auditor, new PasswordHasher().hash("compliance officer password"));
        Api.Response login = api.postJson("/auditor/login", null, Api.credentials(auditor, "compliance officer password")).expect(200);
        String leafHash = log.receiptClaims(login.header("Audit-Receipt")).get("leaf").asText();
        log.checkpointCovering(count("SELECT count(*) FROM domainEventEntry"));

        byte[] leaf = leafWithHash(leafHash);
        JsonNode content = JSON.readTree(leaf);
        assertThat(content.get("type").asText()).isEqualTo("AuditorLoggedIn");
        assertThat(content.get("account").isNull()).isTrue();
        assertThat(content.at("/actor/kind").asText()).isEqualTo("AUDITOR");
    }

    private byte[] leafWithHash(String base64Hash) throws Exception {
        try (Connection connection = started.service().stores().dataSource().getConnection();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT leaf FROM log_leaf ORDER BY leaf_index DESC LIMIT 200")) {
            while (rows.next()) {
                byte[] leaf = rows.getBytes(1);
                if (Base64.getEncoder().encodeToString(MerkleHash.leaf(leaf)).equals(base64Hash)) {
                    return leaf;
                }
            }
        }
        throw new AssertionError("no leaf has the receipted hash");
    }

    private byte[] leafHashAt(long index) {
        try (Connection connection = started.service().stores().dataSource().getConnection();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT leaf FROM log_leaf WHERE leaf_index = " + index)) {
            rows.next();
            return MerkleHash.leaf(rows.getBytes(1));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private long count(String sql) throws Exception {
        try (Connection connection = started.service().stores().dataSource().getConnection();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
