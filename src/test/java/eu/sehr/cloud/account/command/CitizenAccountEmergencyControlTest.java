package eu.sehr.cloud.account.command;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import eu.sehr.cloud.account.api.AccountEvents.CitizenAccountDeleted;
import eu.sehr.cloud.account.api.AccountEvents.CitizenRegistered;
import eu.sehr.cloud.audit.api.Actor;
import eu.sehr.cloud.audit.chain.HashChain;
import eu.sehr.cloud.consent.api.ConsentEvents.ConsentGranted;
import eu.sehr.cloud.consent.api.ConsentPurpose;
import eu.sehr.cloud.domain.AccessEnded;
import eu.sehr.cloud.domain.AccountGone;
import eu.sehr.cloud.domain.AlreadyDone;
import eu.sehr.cloud.domain.NotFound;
import eu.sehr.cloud.emergency.api.DisputeDecision;
import eu.sehr.cloud.emergency.api.EmergencyCommands.DecideDisputeCommand;
import eu.sehr.cloud.emergency.api.EmergencyCommands.EndEmergencyAccessCommand;
import eu.sehr.cloud.emergency.api.EmergencyCommands.HideRecordFromEmergencyCommand;
import eu.sehr.cloud.emergency.api.EmergencyCommands.RequestEmergencyAccessCommand;
import eu.sehr.cloud.emergency.api.EmergencyCommands.ReviewEmergencyAccessCommand;
import eu.sehr.cloud.emergency.api.EmergencyCommands.ShowRecordInEmergencyCommand;
import eu.sehr.cloud.emergency.api.EmergencyEvents.DisputeDecided;
import eu.sehr.cloud.emergency.api.EmergencyEvents.EmergencyAccessEnded;
import eu.sehr.cloud.emergency.api.EmergencyEvents.EmergencyAccessGranted;
import eu.sehr.cloud.emergency.api.EmergencyEvents.EmergencyAccessReviewed;
import eu.sehr.cloud.emergency.api.EmergencyEvents.HealthRecordHiddenFromEmergency;
import eu.sehr.cloud.emergency.api.EmergencyEvents.HealthRecordShownInEmergency;
import eu.sehr.cloud.emergency.api.ReviewVerdict;
import eu.sehr.cloud.emergency.api.VerifiedAssertion;
import eu.sehr.cloud.infra.Json;
import eu.sehr.cloud.records.api.RecordCommands.ListBucketsCommand;
import eu.sehr.cloud.records.api.Requester;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The account's rules for the citizen's control of emergency access: end, review, decide a dispute, hide records. */
class CitizenAccountEmergencyControlTest {

    private static final String ACCOUNT = "account-1";
    private static final String ACCESS = "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0";
    private static final String GRANT = "grant-1";
    private static final Instant NOW = Instant.now();
    private static final Actor ALICE = Actor.citizen("alice");
    private static final Actor OFFICER = Actor.auditor("officer");
    private static final String OTHER_ACCESS = "9a8b7c6d-5e4f-3a2b-1c0d-e9f8a7b6c5d4";
    private static final VerifiedAssertion ASSERTION = new VerifiedAssertion("3f2a9c01be", "3f2a9c01be" + "ef".repeat(27),
            "St Mary Hospital", "Dr House", "ab".repeat(32), "unconscious patient");

    private AggregateTestFixture<CitizenAccount> fixture;

    @BeforeEach
    void fixture() {
        fixture = new AggregateTestFixture<>(CitizenAccount.class);
        fixture.registerInjectableResource(new HashChain(Json.newMapper()));
    }

    private static Object[] anOpenAccess() {
        return new Object[]{new CitizenRegistered(ACCOUNT, "alice"),
                new ConsentGranted(ACCOUNT, ConsentPurpose.HCO, "cd".repeat(32), GRANT),
                new EmergencyAccessGranted(ACCOUNT, ACCESS, GRANT, "3f2a9c01be", "St Mary Hospital", "Dr House",
                        "ab".repeat(32), NOW.plusSeconds(3600), "3f2a9c01be" + "ef".repeat(27), "unconscious patient")};
    }

    private static EmergencyAccessReviewed disputed() {
        return new EmergencyAccessReviewed(ACCOUNT, ACCESS, "St Mary Hospital", "Dr House", ReviewVerdict.DISPUTED, "not me");
    }

    @Test
    void should_end_an_open_access_at_the_citizens_request() {
        fixture.given(anOpenAccess())
                .when(new EndEmergencyAccessCommand(ACCOUNT, ACCESS, ALICE, NOW))
                .expectEvents(new EmergencyAccessEnded(ACCOUNT, ACCESS, "St Mary Hospital", "Dr House", "ENDED_BY_CITIZEN"));
    }

    @Test
    void should_refuse_to_end_an_unknown_access_as_not_found() {
        fixture.given(anOpenAccess())
                .when(new EndEmergencyAccessCommand(ACCOUNT, "11111111-2222-3333-4444-555555555555", ALICE, NOW))
                .expectException(NotFound.class)
                .expectExceptionMessage("no such emergency access")
                .expectNoEvents();
    }

    @Test
    void should_refuse_to_end_an_access_that_already_ended_as_a_conflict() {
        fixture.given(anOpenAccess())
                .andGiven(new EmergencyAccessEnded(ACCOUNT, ACCESS, "St Mary Hospital", "Dr House", "ENDED_BY_CITIZEN"))
                .when(new EndEmergencyAccessCommand(ACCOUNT, ACCESS, ALICE, NOW))
                .expectException(AlreadyDone.class)
                .expectExceptionMessage("this emergency access has already ended")
                .expectNoEvents();
    }

    @Test
    void should_refuse_to_end_an_access_whose_time_has_run_out_as_a_conflict() {
        fixture.given(anOpenAccess())
                .when(new EndEmergencyAccessCommand(ACCOUNT, ACCESS, ALICE, NOW.plusSeconds(7200)))
                .expectExceptionMessage("this emergency access has already ended");
    }

    @Test
    void should_refuse_the_hcps_access_once_the_citizen_ended_it() {
        fixture.given(anOpenAccess())
                .andGiven(new EmergencyAccessEnded(ACCOUNT, ACCESS, "St Mary Hospital", "Dr House", "ENDED_BY_CITIZEN"))
                .when(new ListBucketsCommand(ACCOUNT, Requester.hcp(Actor.hcp("Dr House", "St Mary Hospital"), GRANT,
                        ACCESS), NOW))
                .expectException(AccessEnded.class)
                .expectExceptionMessage("the emergency access has ended");
    }

    @Test
    void should_keep_the_hco_consent_when_the_citizen_ends_one_access() {
        fixture.given(anOpenAccess())
                .andGiven(new EmergencyAccessEnded(ACCOUNT, ACCESS, "St Mary Hospital", "Dr House", "ENDED_BY_CITIZEN"))
                .when(new RequestEmergencyAccessCommand(ACCOUNT, OTHER_ACCESS, GRANT, ASSERTION, Duration.ofMinutes(30), NOW))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new EmergencyAccessGranted(ACCOUNT, OTHER_ACCESS, GRANT, "3f2a9c01be", "St Mary Hospital",
                        "Dr House", "ab".repeat(32), NOW.plusSeconds(1800).truncatedTo(ChronoUnit.SECONDS),
                        "3f2a9c01be" + "ef".repeat(27), "unconscious patient"));
    }

    @Test
    void should_record_a_review_once_and_refuse_a_second_as_a_conflict() {
        fixture.given(anOpenAccess())
                .when(new ReviewEmergencyAccessCommand(ACCOUNT, ACCESS, ReviewVerdict.DISPUTED, "not me", ALICE, NOW))
                .expectEvents(disputed());
        fixture.given(anOpenAccess())
                .andGiven(disputed())
                .when(new ReviewEmergencyAccessCommand(ACCOUNT, ACCESS, ReviewVerdict.RECOGNISED, null, ALICE, NOW))
                .expectException(AlreadyDone.class)
                .expectExceptionMessage("this emergency access has already been reviewed")
                .expectNoEvents();
    }

    @Test
    void should_refuse_to_review_an_unknown_access_as_not_found() {
        fixture.given(anOpenAccess())
                .when(new ReviewEmergencyAccessCommand(ACCOUNT, "11111111-2222-3333-4444-555555555555",
                        ReviewVerdict.RECOGNISED, null, ALICE, NOW))
                .expectException(NotFound.class)
                .expectExceptionMessage("no such emergency access");
    }

    @Test
    void should_let_a_compliance_officer_decide_a_dispute_once() {
        fixture.given(anOpenAccess())
                .andGiven(disputed())
                .when(new DecideDisputeCommand(ACCOUNT, ACCESS, DisputeDecision.UNJUSTIFIED, "no emergency", OFFICER, NOW))
                .expectEvents(new DisputeDecided(ACCOUNT, ACCESS, "St Mary Hospital", "Dr House",
                        DisputeDecision.UNJUSTIFIED, "no emergency", "officer"));
        fixture.given(anOpenAccess())
                .andGiven(disputed(), new DisputeDecided(ACCOUNT, ACCESS, "St Mary Hospital", "Dr House",
                        DisputeDecision.JUSTIFIED, "ok", "officer"))
                .when(new DecideDisputeCommand(ACCOUNT, ACCESS, DisputeDecision.UNJUSTIFIED, "changed my mind", OFFICER, NOW))
                .expectException(AlreadyDone.class)
                .expectExceptionMessage("this dispute has already been decided")
                .expectNoEvents();
    }

    @Test
    void should_refuse_a_decision_on_an_access_that_is_not_disputed_as_not_found() {
        fixture.given(anOpenAccess())
                .when(new DecideDisputeCommand(ACCOUNT, ACCESS, DisputeDecision.JUSTIFIED, "ok", OFFICER, NOW))
                .expectException(NotFound.class)
                .expectExceptionMessage("no disputed emergency access has this id");
        fixture.given(anOpenAccess())
                .andGiven(new EmergencyAccessReviewed(ACCOUNT, ACCESS, "St Mary Hospital", "Dr House",
                        ReviewVerdict.RECOGNISED, null))
                .when(new DecideDisputeCommand(ACCOUNT, ACCESS, DisputeDecision.JUSTIFIED, "ok", OFFICER, NOW))
                .expectExceptionMessage("no disputed emergency access has this id");
    }

    @Test
    void should_let_a_dispute_of_a_deleted_account_still_be_decided() {
        fixture.given(anOpenAccess())
                .andGiven(disputed(), new CitizenAccountDeleted(ACCOUNT, "alice"))
                .when(new DecideDisputeCommand(ACCOUNT, ACCESS, DisputeDecision.JUSTIFIED, "ok", OFFICER, NOW))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void should_hide_and_show_a_record_recording_only_changes() {
        fixture.given(anOpenAccess())
                .when(new HideRecordFromEmergencyCommand(ACCOUNT, "alice", "PATIENT_SUMMARY", ALICE, NOW))
                .expectEvents(new HealthRecordHiddenFromEmergency(ACCOUNT, "alice", "PATIENT_SUMMARY"));
        fixture.given(anOpenAccess())
                .andGiven(new HealthRecordHiddenFromEmergency(ACCOUNT, "alice", "PATIENT_SUMMARY"))
                .when(new HideRecordFromEmergencyCommand(ACCOUNT, "alice", "PATIENT_SUMMARY", ALICE, NOW))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
        fixture.given(anOpenAccess())
                .andGiven(new HealthRecordHiddenFromEmergency(ACCOUNT, "alice", "PATIENT_SUMMARY"))
                .when(new ShowRecordInEmergencyCommand(ACCOUNT, "alice", "PATIENT_SUMMARY", ALICE, NOW))
                .expectEvents(new HealthRecordShownInEmergency(ACCOUNT, "alice", "PATIENT_SUMMARY"));
        fixture.given(anOpenAccess())
                .when(new ShowRecordInEmergencyCommand(ACCOUNT, "alice", "PATIENT_SUMMARY", ALICE, NOW))
                .expectNoEvents();
    }

    @Test
    void should_refuse_changes_to_a_deleted_account() {
        fixture.given(anOpenAccess())
                .andGiven(new CitizenAccountDeleted(ACCOUNT, "alice"))
                .when(new HideRecordFromEmergencyCommand(ACCOUNT, "alice", "PATIENT_SUMMARY", ALICE, NOW))
                .expectException(AccountGone.class)
                .expectNoEvents();
    }
}
