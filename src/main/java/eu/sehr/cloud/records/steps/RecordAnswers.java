package eu.sehr.cloud.records.steps;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

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

    /**
     * {@code size} in KB (bytes / 1024); {@code type} the Content-Type the record was uploaded with;
     * {@code emergencyVisible} for the citizen only (absent for HCPs, who never see a hidden record).
     */
    public record Metadata(String objectName, String bucketName, double size, String type, String dateAdded, String sha256,
                           @JsonInclude(JsonInclude.Include.NON_NULL) Boolean emergencyVisible) {
    }
}
