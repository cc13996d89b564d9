package eu.sehr.cloud.reliability;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.model.Filters;
import eu.sehr.cloud.audit.query.AuditEntry;
import eu.sehr.cloud.audit.query.CitizenAuditProjection;
import eu.sehr.cloud.emergency.trust.CertifiedKey;
import eu.sehr.cloud.emergency.trust.DevCertificates;
import eu.sehr.cloud.emergency.trust.HcoAssertionSigner;
import eu.sehr.cloud.security.PemFiles;
import eu.sehr.cloud.support.Api;
import eu.sehr.cloud.support.Api.Citizen;
import eu.sehr.cloud.support.EventRows;
import eu.sehr.cloud.support.SharedStores;
import static eu.sehr.cloud.support.Resources.closeQuietly;
import eu.sehr.cloud.support.RunningService.Started;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two replicas of the service on one set of stores (PostgreSQL, object storage, MongoDB started here), sharing
 * the token signing key and the HCO trust anchors, as behind a load balancer: whatever one replica decides, the
 * other applies at once, and the audit projection's segments are worked by one replica each.
 */
@Timeout(120)
class TwoReplicasTest {

    private static final String HR_UPLOADED = "HealthRecordUploaded";
    private static final String HR_DOWNLOADED = "HealthRecordDownloaded";
    /** AxonSetup's initial segment count of the projections. */
    private static final int PROJECTION_SEGMENTS = 4;

    private static SharedStores stores;
    private static CertifiedKey hcoCa;
    private static Started replicaA;
    private static Started replicaB;

    @BeforeAll
    static void one_set_of_stores_and_two_replicas() throws Exception {
        stores = SharedStores.start();
        hcoCa = new DevCertificates(Clock.systemUTC()).certificateAuthority("Shared Test Health Authority CA");
        Path anchors = stores.dir().resolve("hco-trust-anchors.pem");
        PemFiles.writeCertificates(anchors, List.of(hcoCa.certificate()));
        replicaA = stores.replica("replica-a", withAnchors("replica-a", anchors));
        replicaB = stores.replica("replica-b", withAnchors("replica-b", anchors));
    }

    /** The shared settings, the replica's node id, and the HCO trust anchors that both replicas share. */
    private static Map<String, String> withAnchors(String nodeId, Path anchors) {
        Map<String, String> settings = stores.settings(nodeId);
        settings.put("sehr.hco.trust-anchors", anchors.toString());
        return settings;
    }

    @AfterAll
    static void services_before_stores() {
        closeQuietly(replicaB);
        closeQuietly(replicaA);
        closeQuietly(stores);
    }

    @Test
    void should_accept_a_token_issued_by_one_replica_on_the_other() {
        Citizen citizen = a().newCitizen();
        b().get("/citizen/buckets", citizen.token()).expect(200);
        b().signConsent(citizen.token(), "cloud").expect(200);
        b().upload("/citizen/upload", citizen.token(), "PATIENT_SUMMARY", bytes("summary")).expect(201);
        assertThat(a().get("/citizen/" + citizen.username() + "/PATIENT_SUMMARY", citizen.token()).expect(200).body())
                .isEqualTo(bytes("summary"));

        String tokenFromB = b().login(citizen.username(), citizen.password()).expect(200).json().get("token").asText();
        assertThat(a().get("/citizen/buckets/" + citizen.username(), tokenFromB).expect(200).json().get("objects"))
                .extracting(JsonNode::asText).containsExactly("PATIENT_SUMMARY");
        assertThat(a().get("/.well-known/jwks.json", null).expect(200).json())
                .isEqualTo(b().get("/.well-known/jwks.json", null).expect(200).json());
    }

    @Test
    void should_refuse_an_hcp_token_from_one_replica_at_once_after_revocation_through_the_other() {
        Citizen citizen = a().newCitizen();
        a().signConsent(citizen.token(), "cloud").expect(200);
        String emergencyToken = a().signConsent(citizen.token(), "hco").expect(200).json().get("emergencyToken").asText();
        a().upload("/citizen/upload", citizen.token(), "PATIENT_SUMMARY", bytes("summary")).expect(201);
        String hcpToken = requestAccess(b(), emergencyToken, assertion("Dr House")).expect(200)
                .json().get("hcoEmergencyToken").asText();
        b().get("/hcp/buckets", hcpToken).expect(200);
        b().get("/hcp/" + citizen.username() + "/PATIENT_SUMMARY", hcpToken).expect(200);

        a().delete("/citizen/consent/hco", citizen.token()).expect(200);

        b().get("/hcp/buckets", hcpToken).expectError(403);
        b().get("/hcp/" + citizen.username() + "/PATIENT_SUMMARY", hcpToken).expectError(403);
        b().upload("/hcp/upload", hcpToken, "LATE", bytes("late")).expectError(403);
        requestAccess(b(), emergencyToken, assertion("Dr House")).expectError(403);
        a().get("/hcp/buckets", hcpToken).expectError(403);
    }

    @Test
    void should_refuse_an_hcp_token_on_one_replica_at_once_after_the_citizen_ended_the_access_on_the_other() throws Exception {
        Citizen citizen = a().newCitizen();
        a().signConsent(citizen.token(), "cloud").expect(200);
        String emergencyToken = a().signConsent(citizen.token(), "hco").expect(200).json().get("emergencyToken").asText();
        a().upload("/citizen/upload", citizen.token(), "PATIENT_SUMMARY", bytes("summary")).expect(201);
        String hcpToken = requestAccess(b(), emergencyToken, assertion("Dr House")).expect(200)
                .json().get("hcoEmergencyToken").asText();
        String otherHcpToken = requestAccess(b(), emergencyToken, assertion("Dr Wilson")).expect(200)
                .json().get("hcoEmergencyToken").asText();
        // both replicas have served (and cached) the account with the access open
        b().get("/hcp/" + citizen.username() + "/PATIENT_SUMMARY", hcpToken).expect(200);
        a().get("/hcp/buckets", hcpToken).expect(200);
        String accessId = org.jose4j.jwt.JwtClaims.parse(new String(java.util.Base64.getUrlDecoder()
                .decode(hcpToken.split("\\.")[1]), StandardCharsets.UTF_8)).getJwtId();

        a().delete("/citizen/emergency/" + accessId, citizen.token()).expect(200);

        b().get("/hcp/buckets", hcpToken).expectError(401);
        b().get("/hcp/buckets/" + citizen.username(), hcpToken).expectError(401);
        b().get("/hcp/" + citizen.username() + "/PATIENT_SUMMARY/metadata", hcpToken).expectError(401);
        b().get("/hcp/" + citizen.username() + "/PATIENT_SUMMARY", hcpToken).expectError(401);
        b().upload("/hcp/upload", hcpToken, "LATE", bytes("late")).expectError(401);
        b().get("/hcp/buckets", otherHcpToken).expect(200);
        b().delete("/citizen/emergency/" + accessId, citizen.token()).expectError(409);
    }

    @Test
    void should_decide_on_an_account_as_the_other_replica_left_it() {
        Citizen citizen = a().newCitizen();
        a().signConsent(citizen.token(), "cloud").expect(200);
        String firstEmergencyToken = a().signConsent(citizen.token(), "hco").expect(200).json().get("emergencyToken").asText();
        b().delete("/citizen/consent/hco", citizen.token()).expect(200);

        // replica A has the account with the first grant in its cache; the grant must be renewed, not repeated
        String secondEmergencyToken = a().signConsent(citizen.token(), "hco").expect(200).json().get("emergencyToken").asText();

        requestAccess(a(), firstEmergencyToken, assertion("Dr House")).expectError(403);
        requestAccess(a(), secondEmergencyToken, assertion("Dr Wilson")).expect(200);
    }

    @Test
    void should_apply_the_login_throttle_across_both_replicas() {
        Citizen citizen = a().newCitizen();
        List<Api> alternating = List.of(a(), b(), a(), b(), a());
        for (Api replica : alternating) {
            replica.login(citizen.username(), "not the password").expectError(401);
        }
        a().login(citizen.username(), citizen.password()).expectError(429);
        b().login(citizen.username(), citizen.password()).expectError(429);
        b().login(citizen.username(), "not the password").expectError(429);
    }

    @Test
    void should_refuse_on_one_replica_an_assertion_already_used_on_the_other() {
        Citizen citizen = a().newCitizen();
        a().signConsent(citizen.token(), "cloud").expect(200);
        String emergencyToken = a().signConsent(citizen.token(), "hco").expect(200).json().get("emergencyToken").asText();

        String first = assertion("Dr House");
        requestAccess(a(), emergencyToken, first).expect(200);
        requestAccess(b(), emergencyToken, first).expectError(403);

        String second = assertion("Dr Wilson");
        requestAccess(b(), emergencyToken, second).expect(200);
        requestAccess(a(), emergencyToken, second).expectError(403);
    }

    @Test
    void should_project_each_event_exactly_once_with_both_replicas_running() throws Exception {
        Citizen citizen = a().newCitizen();
        a().signConsent(citizen.token(), "cloud").expect(200);
        int records = 16;
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Void>> burst = new ArrayList<>();
            for (int i = 0; i < records; i++) {
                int n = i;
                burst.add(pool.submit(() -> {
                    String name = "R" + n;
                    Api uploader = n % 2 == 0 ? a() : b();
                    Api downloader = n % 2 == 0 ? b() : a();
                    uploader.upload("/citizen/upload", citizen.token(), name, bytes("record " + n)).expect(201);
                    assertThat(downloader.get("/citizen/" + citizen.username() + "/" + name, citizen.token()).expect(200).body())
                            .isEqualTo(bytes("record " + n));
                    return null;
                }));
            }
            for (Future<Void> request : burst) {
                request.get();
            }
        } finally {
            pool.shutdownNow();
        }

        EventRows events = new EventRows(replicaA.service().stores().dataSource());
        String account = events.accountIdOf(citizen.username());
        List<EventRows.Row> recordEvents = events.forAggregate(account).stream()
                .filter(row -> row.simpleType().equals(HR_UPLOADED) || row.simpleType().equals(HR_DOWNLOADED)).toList();
        assertThat(recordEvents).hasSize(2 * records);
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < records; i++) {
            expected.add("R" + i);
        }

        for (Api replica : List.of(a(), b())) {
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
                JsonNode hrInfo = replica.get("/citizen/auditing", citizen.token()).expect(200).json().at("/auditing/hr_info");
                assertThat(hrInfo.get("uploaded").findValuesAsText("uploaded_hr")).containsExactlyInAnyOrderElementsOf(expected);
                assertThat(hrInfo.get("downloaded").findValuesAsText("downloaded_hr")).containsExactlyInAnyOrderElementsOf(expected);
            });
        }

        // one MongoDB line per event, keyed by the event's id: none missing, none doubled, none foreign
        Set<String> eventIds = eventIdentifiers(account, Set.of(HR_UPLOADED, HR_DOWNLOADED));
        assertThat(eventIds).hasSize(2 * records);
        try (MongoClient client = MongoClients.create(stores.mongoUri())) {
            List<String> lines = new ArrayList<>();
            for (Document line : client.getDatabase("sehr").getCollection("citizen_audit")
                    .find(Filters.and(Filters.eq("account", account),
                            Filters.in("section", AuditEntry.UPLOADED, AuditEntry.DOWNLOADED)))) {
                lines.add(line.getString("_id"));
            }
            assertThat(lines).hasSize(2 * records).doesNotHaveDuplicates();
            assertThat(new HashSet<>(lines)).isEqualTo(eventIds);
        }

        // the projection's segments are worked by one replica each, never by both, and every one is worked
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            Set<Integer> segmentsOfA = segments(replicaA);
            Set<Integer> segmentsOfB = segments(replicaB);
            Set<Integer> both = new HashSet<>(segmentsOfA);
            both.retainAll(segmentsOfB);
            assertThat(both).as("segments claimed by both replicas (A: %s, B: %s)", segmentsOfA, segmentsOfB).isEmpty();
            assertThat(segmentsOfA.size() + segmentsOfB.size()).isEqualTo(PROJECTION_SEGMENTS);
        });
    }

    private static Set<Integer> segments(Started replica) {
        return replica.service().axon().eventProcessingConfiguration()
                .eventProcessor(CitizenAuditProjection.PROCESSING_GROUP, StreamingEventProcessor.class)
                .map(processor -> Set.copyOf(processor.processingStatus().keySet()))
                .orElse(Set.of());
    }

    private static Set<String> eventIdentifiers(String account, Set<String> simpleTypes) throws SQLException {
        Set<String> ids = new HashSet<>();
        try (Connection connection = replicaA.service().stores().dataSource().getConnection();
             PreparedStatement statement = connection.prepareStatement(
                     "SELECT eventIdentifier, payloadType FROM domainEventEntry WHERE aggregateIdentifier = ?")) {
            statement.setString(1, account);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    String type = rows.getString(2);
                    if (simpleTypes.contains(type.substring(type.lastIndexOf('$') + 1))) {
                        ids.add(rows.getString(1));
                    }
                }
            }
        }
        return ids;
    }

    private static Api a() {
        return replicaA.api();
    }

    private static Api b() {
        return replicaB.api();
    }

    private static Api.Response requestAccess(Api replica, String emergencyToken, String assertion) {
        return replica.postJson("/hcp/requestaccess", emergencyToken, "{\"hcoAssertion\":\"" + assertion + "\"}");
    }

    private static String assertion(String hcpName) {
        DevCertificates certificates = new DevCertificates(Clock.systemUTC());
        CertifiedKey hospital = certificates.hco("St Mary Hospital", hcoCa);
        return HcoAssertionSigner.of(hospital, List.of(hcoCa.certificate()), Clock.systemUTC()).sign(hcpName, "unconscious patient admitted to the emergency department");
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

}
