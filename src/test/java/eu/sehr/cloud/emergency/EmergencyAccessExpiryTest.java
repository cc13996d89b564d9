package eu.sehr.cloud.emergency;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import eu.sehr.cloud.emergency.trust.CertifiedKey;
import eu.sehr.cloud.emergency.trust.DevCertificates;
import eu.sehr.cloud.emergency.trust.HcoAssertionSigner;
import eu.sehr.cloud.support.Api;
import eu.sehr.cloud.support.Api.Citizen;
import eu.sehr.cloud.support.EventRows;
import eu.sehr.cloud.support.RunningService;
import eu.sehr.cloud.support.RunningService.Started;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An emergency access that runs out is closed with an event, without any request, and its token dies: the sweeper
 * and the token end to end. The expiry rule itself is decided at the command's time, tested without waiting in
 * {@code CitizenAccountLifecycleTest} and {@code CitizenAccountRecordAccessTest}.
 */
class EmergencyAccessExpiryTest {

    @Test
    void should_record_the_end_of_an_expired_emergency_access_and_refuse_its_token() {
        Map<String, String> settings = Map.of("sehr.hco.token-ttl", "2s", "sehr.hco.sweep-interval", "300ms");
        try (Started started = Started.start(RunningService.tempDir(), settings)) {
            Api api = started.api();
            Citizen citizen = api.newCitizen();
            api.signConsent(citizen.token(), "cloud").expect(200);
            String emergency = api.signConsent(citizen.token(), "hco").expect(200).json().get("emergencyToken").asText();
            CertifiedKey hospital = new DevCertificates(Clock.systemUTC()).hco("Night Clinic", started.hcoCa());
            String assertion = HcoAssertionSigner.of(hospital, List.of(started.hcoCa().certificate()), Clock.systemUTC())
                    .sign("Dr Night", "unconscious patient admitted to the emergency department");
            String hcp = api.postJson("/hcp/requestaccess", emergency, "{\"hcoAssertion\":\"" + assertion + "\"}")
                    .expect(200).json().get("hcoEmergencyToken").asText();
            api.get("/hcp/buckets", hcp).expect(200);

            EventRows events = new EventRows(started.service().stores().dataSource());
            String account = events.accountIdOf(citizen.username());
            await().atMost(Duration.ofSeconds(20)).until(() -> events.forAggregate(account).stream()
                    .anyMatch(row -> row.simpleType().equals("EmergencyAccessEnded") && row.payload().contains("EXPIRED")));
            api.get("/hcp/buckets", hcp).expectError(401);
            assertThat(events.forAggregate(account)).extracting(EventRows.Row::simpleType)
                    .containsSubsequence("EmergencyAccessGranted", "EmergencyAccessEnded");
        }
    }
}
