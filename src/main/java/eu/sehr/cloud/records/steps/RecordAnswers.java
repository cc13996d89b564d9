package eu.sehr.cloud.records.steps;

import java.util.List;

/** The records endpoints' answers, field for field as the contract names them. */
public final class RecordAnswers {

    private RecordAnswers() {
    }

    /** {@code POST .../upload}: 201. */
    public record Stored(String msg, String sha256) {
    }

    /** {@code GET .../buckets}. */
    public record BucketList(List<String> buckets) {
    }

    /** {@code GET .../buckets/{bucketName}}: object names, sorted. */
    public record ObjectList(String bucket, List<String> objects) {
    }

    /** {@code GET .../{bucketName}/{objectName}/metadata}. */
    public record RecordMetadata(String object, Metadata metadata) {
    }

    /** {@code size} in KB (bytes / 1024); {@code type} the Content-Type the record was uploaded with. */
    public record Metadata(String objectName, String bucketName, double size, String type, String dateAdded, String sha256) {
    }
}
