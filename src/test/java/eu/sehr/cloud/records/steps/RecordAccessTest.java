package eu.sehr.cloud.records.steps;

import eu.sehr.cloud.account.api.Precondition;
import eu.sehr.cloud.records.api.RecordEvents.BucketListed;
import eu.sehr.cloud.records.api.RecordEvents.HealthRecordDownloaded;
import eu.sehr.cloud.records.api.RecordEvents.HealthRecordUploaded;
import eu.sehr.cloud.security.Principal;
import eu.sehr.cloud.security.TokenKind;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RecordAccessTest {

    private static final String ACCOUNT = "0f8e4a52-6c1d-4c55-9d8e-2a7f3b9c1d20";
    private static final Principal CITIZEN = Principal.citizen("alice", ACCOUNT, "token-1");
    private static final Principal HCP = new Principal(TokenKind.HCO, "alice", ACCOUNT, "grant-1", "3f2a9c01be",
            "3f2a9c01be" + "0".repeat(54), "St Mary Hospital", "Dr House", "access-1");

    private final HealthRecordUploaded upload = new HealthRecordUploaded(ACCOUNT, "alice--hco-3f2a9c01be", "LAB", 3,
            "ab".repeat(32), "application/octet-stream", null, "3f2a9c01be" + "0".repeat(54));
    private final HealthRecordDownloaded download = new HealthRecordDownloaded(ACCOUNT, "alice", "LAB", 3, "ab".repeat(32));

    @Test
    void should_require_the_cloud_consent_and_the_open_access_when_an_hcp_stores_a_record() {
        assertThat(RecordAccess.precondition(HCP, upload, true)).isEqualTo(Precondition.hcoStore("grant-1", "access-1"));
    }

    @Test
    void should_require_only_the_open_access_when_an_hcp_reads() {
        assertThat(RecordAccess.precondition(HCP, download, true)).isEqualTo(Precondition.hcoAccess("grant-1", "access-1"));
        assertThat(RecordAccess.precondition(HCP, new BucketListed(ACCOUNT, "alice"), false))
                .isEqualTo(Precondition.hcoAccess("grant-1", "access-1"));
    }

    @Test
    void should_require_the_cloud_consent_when_a_citizen_touches_record_bytes() {
        assertThat(RecordAccess.precondition(CITIZEN, upload, true)).isEqualTo(Precondition.CLOUD_CONSENT);
        assertThat(RecordAccess.precondition(CITIZEN, download, true)).isEqualTo(Precondition.CLOUD_CONSENT);
        assertThat(RecordAccess.precondition(CITIZEN, new BucketListed(ACCOUNT, "alice"), false))
                .isEqualTo(Precondition.LIVE_ACCOUNT);
    }
}
