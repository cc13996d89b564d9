package eu.sehr.cloud.records.api;

import java.time.Instant;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * What a citizen or an HCP asks of the records: the account appends the access's event only if its rule holds then,
 * and the access is served only when the command succeeded. A citizen needs a live account, and the cloud consent to
 * touch record bytes; an HCP needs the open emergency access under the active HCO consent, and to store a record also
 * the citizen's cloud consent. {@code at}: when it was asked, from the sender's clock.
 */
public final class RecordCommands {

    private RecordCommands() {
    }

    public record ListBucketsCommand(@TargetAggregateIdentifier String accountId, Requester requester, Instant at) {
    }

    public record ListBucketCommand(@TargetAggregateIdentifier String accountId, String bucket, Requester requester,
                                    Instant at) {
    }

    public record ReadRecordMetadataCommand(@TargetAggregateIdentifier String accountId, String bucket, String object,
                                            Requester requester, Instant at) {
    }

    public record DownloadRecordCommand(@TargetAggregateIdentifier String accountId, String bucket, String object,
                                        long bytes, String sha256, Requester requester, Instant at) {
    }

    /** The bytes are already stored (under {@code version}); the upload counts once this command succeeds. */
    public record UploadRecordCommand(@TargetAggregateIdentifier String accountId, String bucket, String object,
                                      long bytes, String sha256, String contentType, String version, String hcoKey,
                                      Requester requester, Instant at) {
    }
}
