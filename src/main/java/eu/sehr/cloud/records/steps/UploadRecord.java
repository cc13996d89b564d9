package eu.sehr.cloud.records.steps;

import java.util.Base64;
import java.util.function.LongConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import eu.sehr.cloud.infra.http.ApiException;
import eu.sehr.cloud.infra.http.Names;
import eu.sehr.cloud.infra.http.RequestBodies;
import eu.sehr.cloud.records.api.RecordEvents.HealthRecordUploaded;
import eu.sehr.cloud.records.steps.RecordAnswers.Stored;
import eu.sehr.cloud.security.Principal;
import eu.sehr.cloud.storage.ObjectKeys;
import eu.sehr.cloud.storage.RecordStore;
import eu.sehr.cloud.storage.VerifyingInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pipeline step of {@code POST /citizen/upload} and {@code POST /hcp/upload}: streams the body to storage in
 * bounded memory (no spool file), hashing it on the way and checking the size limit and the optional
 * {@code Content-Digest}; a refused body aborts the put, so the previous version stays. Then the upload's event
 * is appended; if that fails the new object is removed again and the request fails.
 */
public final class UploadRecord {

    private static final Logger LOG = LoggerFactory.getLogger(UploadRecord.class);
    private static final Pattern SHA256_DIGEST = Pattern.compile("(?i)(?:^|,)\\s*sha-256=:([A-Za-z0-9+/=]+):");

    private final RecordAccess access;
    private final RequestBodies bodies;
    private final RecordStore store;
    private final long maxBytes;
    private final LongConsumer uploadedBytes;

    public UploadRecord(RecordAccess access, RequestBodies bodies, RecordStore store, long maxBytes, LongConsumer uploadedBytes) {
        this.access = access;
        this.bodies = bodies;
        this.store = store;
        this.maxBytes = maxBytes;
        this.uploadedBytes = uploadedBytes;
    }

    public Stored upload(Principal caller, Object body, String objectName, String contentType,
                                      String contentLength, String contentDigest) {
        Names.requireObjectName(objectName);
        String type = contentType == null || contentType.isBlank() ? "application/octet-stream" : contentType;
        if (type.toLowerCase().startsWith("multipart/")) {
            throw ApiException.unsupportedMediaType("multipart bodies are not accepted: send the record's bytes");
        }
        long declared = declaredLength(contentLength);
        if (declared > maxBytes) {
            throw new ApiException(413, "the record is larger than " + maxBytes + " bytes");
        }
        byte[] expected = expectedSha256(contentDigest);
        String bucket = access.uploadBucket(caller);
        String key = ObjectKeys.record(bucket, objectName);

        VerifyingInputStream content = new VerifyingInputStream(bodies.stream(body), maxBytes, declared, expected);
        store.put(key, content, declared, caller.kind().name());
        String sha256 = content.sha256Hex();
        try {
            access.record(caller, new HealthRecordUploaded(caller.account(), bucket, objectName, content.count(), sha256, type), true);
        } catch (RuntimeException e) {
            removeUnrecorded(key);
            throw e;
        }
        uploadedBytes.accept(content.count());
        return new Stored("record " + objectName + " stored in " + bucket, sha256);
    }

    private void removeUnrecorded(String key) {
        try {
            store.remove(key);
        } catch (RuntimeException e) {
            LOG.error("An upload whose event could not be appended is still in storage under {}", key);
        }
    }

    private static long declaredLength(String contentLength) {
        if (contentLength == null || contentLength.isBlank()) {
            return -1;
        }
        try {
            long length = Long.parseLong(contentLength.trim());
            if (length < 0) {
                throw new NumberFormatException();
            }
            return length;
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("invalid Content-Length");
        }
    }

    /** The SHA-256 of an RFC 9530 {@code Content-Digest: sha-256=:<base64>:} header, or null without one. */
    static byte[] expectedSha256(String contentDigest) {
        if (contentDigest == null || contentDigest.isBlank()) {
            return null;
        }
        Matcher matcher = SHA256_DIGEST.matcher(contentDigest);
        if (!matcher.find()) {
            throw ApiException.badRequest("Content-Digest must carry sha-256=:<base64>:");
        }
        try {
            byte[] digest = Base64.getDecoder().decode(matcher.group(1));
            if (digest.length != 32) {
                throw new IllegalArgumentException();
            }
            return digest;
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("Content-Digest sha-256 is not a base64 SHA-256");
        }
    }
}
