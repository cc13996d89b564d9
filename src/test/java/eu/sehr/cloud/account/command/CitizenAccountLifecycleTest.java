package eu.sehr.cloud.account.command;

import java.time.Duration;
import java.time.temporal.ChronoUnit;

import eu.sehr.cloud.account.api.AccountCommands.DeleteAccountCommand;
import eu.sehr.cloud.account.api.AccountCommands.LogInCommand;
import eu.sehr.cloud.account.api.AccountCommands.NoteRefusedRequestCommand;
import eu.sehr.cloud.account.api.AccountCommands.ReadAuditTrailCommand;
import eu.sehr.cloud.account.api.AccountCommands.RefuseLoginCommand;
import eu.sehr.cloud.account.api.AccountEvents.AuditTrailRead;
import eu.sehr.cloud.account.api.AccountEvents.CitizenLoggedIn;
import eu.sehr.cloud.account.api.AccountEvents.CitizenLoginFailed;
import eu.sehr.cloud.account.api.AccountEvents.RequestRefused;
import eu.sehr.cloud.audit.api.Actor;
import eu.sehr.cloud.audit.api.AuditCommands.ExportAuditTrailCommand;
import eu.sehr.cloud.audit.api.AuditEvents.AuditTrailExported;
import eu.sehr.cloud.consent.api.ConsentCommands.GrantConsentCommand;
import eu.sehr.cloud.consent.api.ConsentCommands.RevokeHcoConsentCommand;
import eu.sehr.cloud.consent.api.ConsentEvents.HcoConsentRevoked;
import eu.sehr.cloud.consent.api.ConsentPurpose;
import eu.sehr.cloud.domain.AccountGone;
import eu.sehr.cloud.domain.AlreadyDone;
import eu.sehr.cloud.domain.ConsentMissing;
import eu.sehr.cloud.domain.NotFound;
import eu.sehr.cloud.emergency.api.EmergencyCommands.ListEmergencyAccessesCommand;
import eu.sehr.cloud.emergency.api.EmergencyCommands.RefuseEmergencyAccessCommand;
import eu.sehr.cloud.emergency.api.EmergencyCommands.RequestEmergencyAccessCommand;
import eu.sehr.cloud.emergency.api.EmergencyEvents.EmergencyAccessEnded;
import eu.sehr.cloud.emergency.api.EmergencyEvents.EmergencyAccessRefused;
import eu.sehr.cloud.emergency.api.EmergencyEvents.EmergencyAccessesListed;
import eu.sehr.cloud.emergency.api.EndExpiredAccessesCommand;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static eu.sehr.cloud.account.command.Histories.ACCESS;
import static eu.sehr.cloud.account.command.Histories.ACCOUNT;
import static eu.sehr.cloud.account.command.Histories.ALICE;
import static eu.sehr.cloud.account.command.Histories.ASSERTION;
import static eu.sehr.cloud.account.command.Histories.EXPIRES;
import static eu.sehr.cloud.account.command.Histories.GRANT;
import static eu.sehr.cloud.account.command.Histories.NOW;
import static eu.sehr.cloud.account.command.Histories.accessGranted;
import static eu.sehr.cloud.account.command.Histories.cloudConsent;
import static eu.sehr.cloud.account.command.Histories.deleted;
import static eu.sehr.cloud.account.command.Histories.hcoConsent;
import static eu.sehr.cloud.account.command.Histories.registered;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.notNullValue;

/**
 * The account's rules for its life: logins, reads of its trail, consents, emergency access requests and their
 * expiry, deletion. Times come from the commands, so expiry is tested without waiting.
 */
class CitizenAccountLifecycleTest {

    private static final String OTHER = "9a8b7c6d-5e4f-3a2b-1c0d-e9f8a7b6c5d4";
    private static final Actor OFFICER = Actor.auditor("officer");

    private AggregateTestFixture<CitizenAccount> fixture;

    @BeforeEach
    void fixture() {
        fixture = Histories.fixture();
    }

    @Test
    void should_record_logins_and_failed_logins_of_a_live_account_only() {
        fixture.given(registered())
                .when(new LogInCommand(ACCOUNT, "alice", NOW))
                .expectEvents(new CitizenLoggedIn(ACCOUNT, "alice"));
        fixture.given(registered())
                .when(new RefuseLoginCommand(ACCOUNT, "alice", "wrong password", NOW))
                .expectEvents(new CitizenLoginFailed(ACCOUNT, "alice", "wrong password"));
        fixture.given(registered(), deleted())
                .when(new LogInCommand(ACCOUNT, "alice", NOW))
                .expectException(AccountGone.class)
                .expectNoEvents();
    }

    @Test
    void should_record_the_citizens_reads_and_refusals_while_the_account_lives() {
        fixture.given(registered())
                .when(new ReadAuditTrailCommand(ACCOUNT, ALICE, NOW))
                .expectEvents(new AuditTrailRead(ACCOUNT));
        fixture.given(registered())
                .when(new ListEmergencyAccessesCommand(ACCOUNT, ALICE, NOW))
                .expectEvents(new EmergencyAccessesListed(ACCOUNT));
        fixture.given(registered())
                .when(new NoteRefusedRequestCommand(ACCOUNT, "GET /citizen/buckets/bob", 403, "not yours", ALICE, NOW))
                .expectEvents(new RequestRefused(ACCOUNT, "GET /citizen/buckets/bob", 403, "not yours"));
        fixture.given(registered(), deleted())
                .when(new ReadAuditTrailCommand(ACCOUNT, ALICE, NOW))
                .expectException(AccountGone.class);
    }

    @Test
    void should_let_a_compliance_officer_export_the_stream_of_a_deleted_account() {
        fixture.given(registered(), deleted())
                .when(new ExportAuditTrailCommand(ACCOUNT, "events", OFFICER, NOW))
                .expectEvents(new AuditTrailExported(ACCOUNT, "events"));
    }

    @Test
    void should_grant_a_consent_once() {
        fixture.given(registered())
                .when(new GrantConsentCommand(ACCOUNT, ConsentPurpose.CLOUD, "aa".repeat(32), ALICE, NOW))
                .expectEvents(cloudConsent())
                .expectResultMessagePayload(null);
        fixture.given(registered(), hcoConsent())
                .when(new GrantConsentCommand(ACCOUNT, ConsentPurpose.HCO, "ef".repeat(32), ALICE, NOW))
                .expectNoEvents()
                .expectResultMessagePayload(GRANT);
    }

    @Test
    void should_grant_a_new_hco_consent_under_a_fresh_grant_and_answer_it() {
        fixture.given(registered(), hcoConsent(), new HcoConsentRevoked(ACCOUNT, GRANT))
                .when(new GrantConsentCommand(ACCOUNT, ConsentPurpose.HCO, "ef".repeat(32), ALICE, NOW))
                .expectSuccessfulHandlerExecution()
                .expectState(account -> {
                    assertThat(account.hcoGrant).isNotNull().isNotEqualTo(GRANT);
                    assertThat(account.cloudConsent).isFalse();
                })
                .expectResultMessagePayloadMatching(notNullValue());
    }

    @Test
    void should_refuse_consents_on_a_deleted_account() {
        fixture.given(registered(), deleted())
                .when(new GrantConsentCommand(ACCOUNT, ConsentPurpose.CLOUD, "aa".repeat(32), ALICE, NOW))
                .expectException(AccountGone.class)
                .expectNoEvents();
    }

    @Test
    void should_end_the_open_accesses_when_the_hco_consent_is_revoked() {
        fixture.given(registered(), hcoConsent(), accessGranted())
                .when(new RevokeHcoConsentCommand(ACCOUNT, ALICE, NOW))
                .expectEvents(new EmergencyAccessEnded(ACCOUNT, ACCESS, "St Mary Hospital", "Dr House", "REVOKED"),
                        new HcoConsentRevoked(ACCOUNT, GRANT));
        fixture.given(registered())
                .when(new RevokeHcoConsentCommand(ACCOUNT, ALICE, NOW))
                .expectException(NotFound.class)
                .expectExceptionMessage("no HCO consent is active");
    }

    @Test
    void should_revoke_the_hco_consent_and_then_delete_the_account_once() {
        fixture.given(registered(), hcoConsent())
                .when(new DeleteAccountCommand(ACCOUNT, ALICE, NOW))
                .expectEvents(new HcoConsentRevoked(ACCOUNT, GRANT), deleted());
        fixture.given(registered(), deleted())
                .when(new DeleteAccountCommand(ACCOUNT, ALICE, NOW))
                .expectException(AccountGone.class);
    }

    @Test
    void should_grant_an_emergency_access_under_the_active_consent_until_its_time_to_live() {
        fixture.given(registered(), hcoConsent())
                .when(new RequestEmergencyAccessCommand(ACCOUNT, ACCESS, GRANT, ASSERTION, Duration.ofHours(1), NOW))
                .expectEvents(accessGranted(ACCESS, NOW.plusSeconds(3600).truncatedTo(ChronoUnit.SECONDS)))
                .expectResultMessagePayload(NOW.plusSeconds(3600).truncatedTo(ChronoUnit.SECONDS));
    }

    @Test
    void should_refuse_an_emergency_access_without_the_active_consent_or_twice() {
        fixture.given(registered())
                .when(new RequestEmergencyAccessCommand(ACCOUNT, ACCESS, GRANT, ASSERTION, Duration.ofHours(1), NOW))
                .expectException(ConsentMissing.class)
                .expectNoEvents();
        fixture.given(registered(), hcoConsent(), new HcoConsentRevoked(ACCOUNT, GRANT))
                .when(new RequestEmergencyAccessCommand(ACCOUNT, ACCESS, GRANT, ASSERTION, Duration.ofHours(1), NOW))
                .expectException(ConsentMissing.class);
        fixture.given(registered(), hcoConsent(), accessGranted())
                .when(new RequestEmergencyAccessCommand(ACCOUNT, ACCESS, GRANT, ASSERTION, Duration.ofHours(1), NOW))
                .expectException(AlreadyDone.class);
    }

    @Test
    void should_record_a_refused_emergency_request() {
        fixture.given(registered(), hcoConsent())
                .when(new RefuseEmergencyAccessCommand(ACCOUNT, "the assertion has expired", NOW))
                .expectEvents(new EmergencyAccessRefused(ACCOUNT, "the assertion has expired"));
    }

    @Test
    void should_end_only_the_accesses_whose_time_has_passed_by_the_commands_time() {
        fixture.given(registered(), hcoConsent(), accessGranted(), accessGranted(OTHER, EXPIRES.plusSeconds(600)))
                .when(new EndExpiredAccessesCommand(ACCOUNT, EXPIRES.plusSeconds(1)))
                .expectEvents(new EmergencyAccessEnded(ACCOUNT, ACCESS, "St Mary Hospital", "Dr House", "EXPIRED"));
        fixture.given(registered(), hcoConsent(), accessGranted())
                .when(new EndExpiredAccessesCommand(ACCOUNT, EXPIRES.minusSeconds(1)))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void should_not_end_an_access_twice_when_it_expires() {
        fixture.given(registered(), hcoConsent(), accessGranted(),
                        new EmergencyAccessEnded(ACCOUNT, ACCESS, "St Mary Hospital", "Dr House", "ENDED_BY_CITIZEN"))
                .when(new EndExpiredAccessesCommand(ACCOUNT, EXPIRES.plusSeconds(1)))
                .expectNoEvents();
    }
}
