package eu.sehr.cloud.emergency;

import java.time.Clock;
import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;
import eu.sehr.cloud.audit.api.Actor;
import eu.sehr.cloud.domain.ConsentMissing;
import eu.sehr.cloud.emergency.trust.CertifiedKey;
import eu.sehr.cloud.emergency.trust.DevCertificates;
import eu.sehr.cloud.infra.http.Failures;
import eu.sehr.cloud.records.api.RecordCommands.ListBucketsCommand;
import eu.sehr.cloud.records.api.RecordCommands.UploadRecordCommand;
import eu.sehr.cloud.records.api.Requester;
import eu.sehr.cloud.support.Api;
import eu.sehr.cloud.support.Api.Citizen;
import eu.sehr.cloud.support.EventRows;
import eu.sehr.cloud.support.RunningService;
import eu.sehr.cloud.support.RunningService.Started;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.jose4j.jwt.JwtClaims;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static eu.sehr.cloud.emergency.EmergencyRequests.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** An HCP stores nothing for a citizen who has not agreed that the cloud stores records; reading needs only the HCO consent. */
@ExtendWith(RunningService.class)
class HcpUploadConsentTest {

    private final Api api;
    private final Started started;
    private final EmergencyRequests emergency;
    private final CertifiedKey hospital;

    HcpUploadConsentTest(Api api, Started started) {
        this.api = api;
        this.started = started;
        this.emergency = new EmergencyRequests(api, started.hcoCa());
        this.hospital = new DevCertificates(Clock.systemUTC()).hco("St Mary Hospital", started.hcoCa());
    }

    @Test
    void should_refuse_an_hcp_upload_for_a_citizen_without_the_cloud_consent() {
        Citizen citizen = api.newCitizen();
        String hcpToken = emergency.hcpToken(emergency.signHcoConsent(citizen), hospital, "Dr House");

        api.upload("/hcp/upload", hcpToken, "LABORATORY_RESULT", bytes("lab result")).expectError(403);

        assertThat(api.get("/citizen/buckets", citizen.token()).expect(200).json().get("buckets"))
                .extracting(JsonNode::asText).containsExactly(citizen.username());
        assertThat(api.get("/hcp/buckets/" + citizen.username(), hcpToken).expect(200).json().get("objects")).isEmpty();
        EventRows events = new EventRows(started.service().stores().dataSource());
        assertThat(events.forAggregate(events.accountIdOf(citizen.username()))).extracting(EventRows.Row::simpleType)
                .doesNotContain("HealthRecordUploaded");
    }

    @Test
    void should_let_an_hcp_upload_once_the_citizen_gives_the_cloud_consent() {
        Citizen citizen = api.newCitizen();
        String hcpToken = emergency.hcpToken(emergency.signHcoConsent(citizen), hospital, "Dr House");
        api.upload("/hcp/upload", hcpToken, "LABORATORY_RESULT", bytes("lab result")).expectError(403);

        api.signConsent(citizen.token(), "cloud").expect(200);

        api.upload("/hcp/upload", hcpToken, "LABORATORY_RESULT", bytes("lab result")).expect(201);
    }

    @Test
    void should_refuse_to_append_an_hcp_upload_without_the_cloud_consent_at_the_account() {
        Citizen citizen = api.newCitizen();
        String hcpToken = emergency.hcpToken(emergency.signHcoConsent(citizen), hospital, "Dr House");
        JwtClaims claims = EmergencyRequests.claimsOf(hcpToken);
        String account = new EventRows(started.service().stores().dataSource()).accountIdOf(citizen.username());
        String grant = (String) claims.getClaimValue("grant");
        String accessId = (String) claims.getClaimValue("jti");
        CommandGateway commands = started.service().axon().commandGateway();
        Requester hcp = Requester.hcp(Actor.hcp("Dr House", "St Mary Hospital"), grant, accessId);

        commands.sendAndWait(new ListBucketsCommand(account, hcp, Instant.now()));
        assertThatThrownBy(() -> commands.sendAndWait(new UploadRecordCommand(account,
                citizen.username() + "--hco-0123456789", "LAB", 3, "ab".repeat(32), "application/octet-stream", null,
                (String) claims.getClaimValue("hco_key"), hcp, Instant.now())))
                .isInstanceOf(ConsentMissing.class)
                .satisfies(e -> assertThat(Failures.classify(e).status()).isEqualTo(403));
    }
}
