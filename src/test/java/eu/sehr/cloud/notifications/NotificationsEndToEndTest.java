package eu.sehr.cloud.notifications;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import eu.sehr.cloud.emergency.EmergencyRequests;
import eu.sehr.cloud.emergency.trust.DevCertificates;
import eu.sehr.cloud.notifications.NotificationReceiver.Received;
import eu.sehr.cloud.support.Api;
import eu.sehr.cloud.support.Api.Citizen;
import eu.sehr.cloud.support.RunningService;
import eu.sehr.cloud.support.RunningService.Started;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static eu.sehr.cloud.support.Resources.closeQuietly;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Notifications of emergency access reach a real HTTP receiver: the contract's body, signed with a detached JWS that
 * verifies against the service's JWKS, within 5 seconds; a notification sent while the receiver was down arrives once
 * it is back, and one whose delivery a restart interrupted is delivered by the restarted service.
 */
@Timeout(180)
class NotificationsEndToEndTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WITHIN = Duration.ofSeconds(5);

    private static final NotificationReceiver receiver = new NotificationReceiver();
    private static Path dataDir;
    private static Started service;

    @BeforeAll
    static void a_receiver_and_a_service_that_notifies_it() {
        receiver.start();
        dataDir = RunningService.tempDir();
        service = start();
    }

    private static Started start() {
        return Started.start(dataDir, Map.of(
                "sehr.notify.endpoint", receiver.url(),
                "sehr.notify.initial-backoff", "200ms",
                "sehr.notify.max-backoff", "1s",
                "sehr.notify.poll-interval", "200"));
    }

    @AfterAll
    static void stop() {
        closeQuietly(service);
        closeQuietly(receiver);
    }

    /** A citizen with the HCO consent and an HCP's emergency access to their records; the access id. */
    private record Emergency(Citizen citizen, String emergencyToken, String hcpToken, String accessId) {
    }

    private static Emergency anEmergencyAccess() {
        Api api = service.api();
        EmergencyRequests requests = new EmergencyRequests(api, service.hcoCa());
        Citizen citizen = api.newCitizen();
        String emergencyToken = requests.signHcoConsent(citizen);
        String hcpToken = requests.hcpToken(emergencyToken,
                new DevCertificates(Clock.systemUTC()).hco("St Mary Hospital", service.hcoCa()), "Dr House");
        try {
            return new Emergency(citizen, emergencyToken, hcpToken, EmergencyRequests.claimsOf(hcpToken).getJwtId());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static Received awaitNotification(String type, String accessId, Duration atMost) {
        return await().atMost(atMost).pollInterval(Duration.ofMillis(50))
                .until(() -> find(type, accessId), Optional::isPresent).orElseThrow();
    }

    private static Optional<Received> find(String type, String accessId) {
        return receiver.received().stream().filter(received -> {
            JsonNode body = json(received);
            return body.path("type").asText().equals(type) && body.path("accessId").asText().equals(accessId);
        }).findFirst();
    }

    private static JsonNode json(Received received) {
        try {
            return JSON.readTree(received.body());
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + new String(received.body(), StandardCharsets.UTF_8), e);
        }
    }

    @Test
    void should_notify_a_granted_access_with_the_signed_body_of_the_contract_within_five_seconds() throws Exception {
        Instant requested = Instant.now();
        Emergency emergency = anEmergencyAccess();

        Received received = awaitNotification("EmergencyAccessGranted", emergency.accessId(), WITHIN.plusSeconds(2));

        assertThat(Duration.between(requested, received.at())).isLessThan(WITHIN);
        assertThat(received.method()).isEqualTo("POST");
        assertThat(received.contentType()).startsWith("application/json");
        JsonNode body = json(received);
        assertThat(body.fieldNames()).toIterable()
                .containsExactlyInAnyOrder("id", "type", "citizen", "accessId", "hco", "hcp", "at");
        assertThat(body.get("citizen").asText()).isEqualTo(emergency.citizen().username());
        assertThat(body.get("hco").asText()).isEqualTo("St Mary Hospital");
        assertThat(body.get("hcp").asText()).isEqualTo("Dr House");
        assertThat(Instant.parse(body.get("at").asText())).isBetween(requested.minusSeconds(1), received.at());
        assertThat(new String(received.body(), StandardCharsets.UTF_8)).doesNotContain(EmergencyRequests.JUSTIFICATION)
                .doesNotContain("PATIENT_SUMMARY");
        assertThat(verifies(received.signature(), received.body())).isTrue();
        assertThat(verifies(received.signature(), "{\"tampered\":true}".getBytes(StandardCharsets.UTF_8))).isFalse();
    }

    @Test
    void should_notify_an_access_ended_by_the_citizen_and_a_decided_dispute() {
        Emergency emergency = anEmergencyAccess();
        Api api = service.api();
        api.delete("/citizen/emergency/" + emergency.accessId(), emergency.citizen().token()).expect(200);
        api.postJson("/citizen/emergency/" + emergency.accessId() + "/review", emergency.citizen().token(),
                "{\"verdict\":\"disputed\"}").expect(200);
        String auditor = EmergencyRequests.auditorToken(api, service.service().stores().dataSource());
        api.postJson("/audit/disputes/" + emergency.accessId() + "/decision", auditor,
                "{\"decision\":\"justified\",\"comment\":\"documented emergency\"}").expect(200);

        Received ended = awaitNotification("EmergencyAccessEnded", emergency.accessId(), WITHIN.plusSeconds(2));
        Received decided = awaitNotification("DisputeDecided", emergency.accessId(), WITHIN.plusSeconds(2));

        assertThat(verifies(ended.signature(), ended.body())).isTrue();
        assertThat(verifies(decided.signature(), decided.body())).isTrue();
        assertThat(json(decided).get("id").asText()).isNotEqualTo(json(ended).get("id").asText());
        assertThat(new String(decided.body(), StandardCharsets.UTF_8)).doesNotContain("documented emergency");
    }

    @Test
    void should_deliver_a_notification_sent_while_the_receiver_was_down_once_it_is_back() {
        double failedBefore = metric("sehr_notifications_failed_total");
        receiver.stop();
        Emergency emergency;
        try {
            emergency = anEmergencyAccess();
            await().atMost(Duration.ofSeconds(10)).until(() -> metric("sehr_notifications_failed_total") > failedBefore);
            assertThat(metric("sehr_notifications_pending")).isGreaterThanOrEqualTo(1.0);
        } finally {
            receiver.start();
        }

        Received received = awaitNotification("EmergencyAccessGranted", emergency.accessId(), Duration.ofSeconds(10));

        assertThat(verifies(received.signature(), received.body())).isTrue();
        assertThat(receiver.received().stream().filter(r -> json(r).path("accessId").asText().equals(emergency.accessId())
                && json(r).path("type").asText().equals("EmergencyAccessGranted"))).hasSize(1);
    }

    @Test
    void should_deliver_after_a_restart_between_the_event_and_the_delivery() {
        receiver.stop();
        Emergency emergency;
        try {
            emergency = anEmergencyAccess();
            service.close();
        } finally {
            receiver.start();
        }

        service = start();

        awaitNotification("EmergencyAccessGranted", emergency.accessId(), Duration.ofSeconds(15));
    }

    private static double metric(String name) {
        String metrics = service.api().get("/metrics", null).expect(200).text();
        return metrics.lines().filter(line -> line.startsWith(name + " ") || line.startsWith(name + "{"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
    }

    /** The detached JWS over these exact bytes verifies with the key of its kid in the service's JWKS. */
    private static boolean verifies(String signature, byte[] body) {
        try {
            JsonWebKeySet keys = new JsonWebKeySet(service.api().get("/.well-known/jwks.json", null).expect(200).text());
            String[] parts = signature.split("\\.", -1);
            assertThat(parts).hasSize(3);
            assertThat(parts[1]).as("detached payload").isEmpty();
            JsonWebSignature jws = new JsonWebSignature();
            jws.setAlgorithmConstraints(new AlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT,
                    AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256));
            // RFC 7515 appendix F: the received bytes, base64url encoded, go back between the header and the signature
            jws.setCompactSerialization(parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(body)
                    + "." + parts[2]);
            JsonWebKey key = keys.getJsonWebKeys().stream().filter(k -> k.getKeyId().equals(jws.getKeyIdHeaderValue()))
                    .findFirst().orElseThrow(() -> new AssertionError("the signature's kid is not in the JWKS"));
            jws.setKey(key.getKey());
            return jws.verifySignature();
        } catch (org.jose4j.lang.JoseException e) {
            throw new AssertionError(e);
        }
    }
}
