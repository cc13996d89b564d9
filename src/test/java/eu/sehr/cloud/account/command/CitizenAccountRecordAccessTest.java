package eu.sehr.cloud.account.command;

import eu.sehr.cloud.domain.AccessEnded;
import eu.sehr.cloud.domain.AccountGone;
import eu.sehr.cloud.domain.ConsentMissing;
import eu.sehr.cloud.emergency.api.EmergencyEvents.EmergencyAccessEnded;
import eu.sehr.cloud.records.api.RecordCommands.DownloadRecordCommand;
import eu.sehr.cloud.records.api.RecordCommands.ListBucketCommand;
import eu.sehr.cloud.records.api.RecordCommands.ListBucketsCommand;
import eu.sehr.cloud.records.api.RecordCommands.ReadRecordMetadataCommand;
import eu.sehr.cloud.records.api.RecordCommands.UploadRecordCommand;
import eu.sehr.cloud.records.api.Requester;
import eu.sehr.cloud.records.api.RecordEvents.BucketListed;
import eu.sehr.cloud.records.api.RecordEvents.BucketsListed;
import eu.sehr.cloud.records.api.RecordEvents.HealthRecordDownloaded;
import eu.sehr.cloud.records.api.RecordEvents.HealthRecordMetadataRead;
import eu.sehr.cloud.records.api.RecordEvents.HealthRecordUploaded;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static eu.sehr.cloud.account.command.Histories.ACCESS;
import static eu.sehr.cloud.account.command.Histories.ACCOUNT;
import static eu.sehr.cloud.account.command.Histories.CITIZEN;
import static eu.sehr.cloud.account.command.Histories.DR_HOUSE;
import static eu.sehr.cloud.account.command.Histories.EXPIRES;
import static eu.sehr.cloud.account.command.Histories.HCO_KEY;
import static eu.sehr.cloud.account.command.Histories.HCP;
import static eu.sehr.cloud.account.command.Histories.NOW;
import static eu.sehr.cloud.account.command.Histories.accessGranted;
import static eu.sehr.cloud.account.command.Histories.cloudConsent;
import static eu.sehr.cloud.account.command.Histories.deleted;
import static eu.sehr.cloud.account.command.Histories.hcoConsent;
import static eu.sehr.cloud.account.command.Histories.registered;

/**
 * The account's rules for record accesses: a citizen needs a live account, and the cloud consent to touch record
 * bytes; an HCP needs the open emergency access under the active HCO consent, and to store also the cloud consent.
 */
class CitizenAccountRecordAccessTest {

    private static final String SHA = "ab".repeat(32);
    private static final String EMERGENCY_BUCKET = "alice--hco-3f2a9c01be";

    private AggregateTestFixture<CitizenAccount> fixture;

    @BeforeEach
    void fixture() {
        fixture = Histories.fixture();
    }

    private static UploadRecordCommand upload(String bucket, Requester requester) {
        return new UploadRecordCommand(ACCOUNT, bucket, "LAB", 3, SHA, "application/octet-stream", null,
                requester == HCP ? HCO_KEY : null, requester, NOW);
    }

    @Test
    void should_let_a_citizen_list_and_read_metadata_without_the_cloud_consent() {
        fixture.given(registered())
                .when(new ListBucketsCommand(ACCOUNT, CITIZEN, NOW))
                .expectEvents(new BucketsListed(ACCOUNT));
        fixture.given(registered())
                .when(new ListBucketCommand(ACCOUNT, "alice", CITIZEN, NOW))
                .expectEvents(new BucketListed(ACCOUNT, "alice"));
        fixture.given(registered())
                .when(new ReadRecordMetadataCommand(ACCOUNT, "alice", "LAB", CITIZEN, NOW))
                .expectEvents(new HealthRecordMetadataRead(ACCOUNT, "alice", "LAB"));
    }

    @Test
    void should_refuse_a_citizen_record_bytes_without_the_cloud_consent() {
        fixture.given(registered())
                .when(new DownloadRecordCommand(ACCOUNT, "alice", "LAB", 3, SHA, CITIZEN, NOW))
                .expectException(ConsentMissing.class)
                .expectExceptionMessage("the cloud consent has not been given")
                .expectNoEvents();
        fixture.given(registered())
                .when(upload("alice", CITIZEN))
                .expectException(ConsentMissing.class)
                .expectNoEvents();
    }

    @Test
    void should_let_a_citizen_with_the_cloud_consent_store_and_download() {
        fixture.given(registered(), cloudConsent())
                .when(upload("alice", CITIZEN))
                .expectEvents(new HealthRecordUploaded(ACCOUNT, "alice", "LAB", 3, SHA, "application/octet-stream", null,
                        null));
        fixture.given(registered(), cloudConsent())
                .when(new DownloadRecordCommand(ACCOUNT, "alice", "LAB", 3, SHA, CITIZEN, NOW))
                .expectEvents(new HealthRecordDownloaded(ACCOUNT, "alice", "LAB", 3, SHA));
    }

    @Test
    void should_refuse_every_access_to_a_deleted_account() {
        fixture.given(registered(), cloudConsent(), deleted())
                .when(new ListBucketsCommand(ACCOUNT, CITIZEN, NOW))
                .expectException(AccountGone.class)
                .expectExceptionMessage("the account no longer exists")
                .expectNoEvents();
        fixture.given(registered(), hcoConsent(), accessGranted(), deleted())
                .when(new ListBucketsCommand(ACCOUNT, HCP, NOW))
                .expectException(AccountGone.class);
    }

    @Test
    void should_let_an_hcp_read_during_the_open_access_without_the_cloud_consent() {
        fixture.given(registered(), hcoConsent(), accessGranted())
                .when(new DownloadRecordCommand(ACCOUNT, "alice", "LAB", 3, SHA, HCP, NOW))
                .expectEvents(new HealthRecordDownloaded(ACCOUNT, "alice", "LAB", 3, SHA));
    }

    @Test
    void should_refuse_an_hcp_upload_without_the_cloud_consent() {
        fixture.given(registered(), hcoConsent(), accessGranted())
                .when(upload(EMERGENCY_BUCKET, HCP))
                .expectException(ConsentMissing.class)
                .expectExceptionMessage("the cloud consent has not been given")
                .expectNoEvents();
    }

    @Test
    void should_let_an_hcp_store_with_both_consents_during_the_open_access() {
        fixture.given(registered(), cloudConsent(), hcoConsent(), accessGranted())
                .when(upload(EMERGENCY_BUCKET, HCP))
                .expectEvents(new HealthRecordUploaded(ACCOUNT, EMERGENCY_BUCKET, "LAB", 3, SHA,
                        "application/octet-stream", null, HCO_KEY));
    }

    @Test
    void should_refuse_an_hcp_under_a_consent_that_is_not_the_active_one() {
        fixture.given(registered(), hcoConsent(), accessGranted())
                .when(new ListBucketsCommand(ACCOUNT, Requester.hcp(DR_HOUSE, "grant-of-a-revoked-consent", ACCESS), NOW))
                .expectException(ConsentMissing.class)
                .expectExceptionMessage("the citizen's HCO consent is not active");
    }

    @Test
    void should_refuse_an_hcp_once_the_access_time_has_run_out() {
        fixture.given(registered(), hcoConsent(), accessGranted())
                .when(new ListBucketsCommand(ACCOUNT, HCP, EXPIRES))
                .expectException(AccessEnded.class)
                .expectExceptionMessage("the emergency access has ended")
                .expectNoEvents();
        fixture.given(registered(), hcoConsent(), accessGranted())
                .when(new ListBucketsCommand(ACCOUNT, HCP, EXPIRES.minusMillis(1)))
                .expectEvents(new BucketsListed(ACCOUNT));
    }

    @Test
    void should_refuse_an_hcp_whose_access_ended_or_is_unknown() {
        fixture.given(registered(), hcoConsent(), accessGranted(),
                        new EmergencyAccessEnded(ACCOUNT, ACCESS, "St Mary Hospital", "Dr House", "REVOKED"))
                .when(new ReadRecordMetadataCommand(ACCOUNT, "alice", "LAB", HCP, NOW))
                .expectException(AccessEnded.class);
        fixture.given(registered(), hcoConsent())
                .when(new ReadRecordMetadataCommand(ACCOUNT, "alice", "LAB", Requester.hcp(DR_HOUSE,
                        Histories.GRANT, null), NOW))
                .expectException(AccessEnded.class);
    }
}
