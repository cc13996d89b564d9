package eu.sehr.cloud.records.query;

import java.time.Instant;

import eu.sehr.cloud.storage.ObjectKeys;

/**
 * What is known of one stored record; {@code version} names the stored version that downloads read (null for the
 * first version of a name, and for records stored before versions existed: both under the plain key);
 * {@code emergencyVisible} false when the citizen hid it from emergency access.
 */
public record RecordEntry(String bucket, String object, long size, String contentType, String sha256, Instant dateAdded,
                          String version, boolean emergencyVisible) {

    /** Where this version's bytes are in object storage. */
    public String storageKey() {
        return ObjectKeys.record(bucket, object, version);
    }
}
