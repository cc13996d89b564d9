package eu.sehr.cloud.records.query;

import java.time.Instant;

/** What is known of one stored record. */
public record RecordEntry(String bucket, String object, long size, String contentType, String sha256, Instant dateAdded) {
}
