package eu.sehr.cloud.records.api;

import eu.sehr.cloud.account.api.CitizenEvent;

/**
 * The events of the records feature: names, sizes and SHA-256 hashes, never record bytes. Who acted (the citizen
 * or an HCP of an HCO) is in the event's actor metadata.
 */
public final class RecordEvents {

    private RecordEvents() {
    }

    /**
     * A record was stored: {@code version} names the stored version that is current from this event on (null in events
     * stored before versions existed). {@code hcoKey}: for an HCP's upload, the SHA-256 (hex) of the HCO certificate's
     * SubjectPublicKeyInfo, to which the emergency bucket is bound; null for a citizen's upload and in events stored
     * before it was recorded.
     */
    public record HealthRecordUploaded(String accountId, String bucket, String object, long bytes, String sha256,
                                       String contentType, String version, String hcoKey) implements CitizenEvent {
    }

    public record HealthRecordDownloaded(String accountId, String bucket, String object, long bytes, String sha256)
            implements CitizenEvent {
    }

    public record HealthRecordMetadataRead(String accountId, String bucket, String object) implements CitizenEvent {
    }

    public record BucketListed(String accountId, String bucket) implements CitizenEvent {
    }

    public record BucketsListed(String accountId) implements CitizenEvent {
    }
}
