package eu.sehr.cloud.records.steps;

import java.util.Base64;
import java.util.UUID;
import java.util.function.LongConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import eu.sehr.cloud.infra.http.ApiException;
import eu.sehr.cloud.infra.http.Names;
import eu.sehr.cloud.infra.http.RequestBodies;
import eu.sehr.cloud.records.query.RecordCatalogue;
import eu.sehr.cloud.records.steps.RecordAnswers.Stored;
import eu.sehr.cloud.security.Principal;
import eu.sehr.cloud.storage.ObjectKeys;
import eu.sehr.cloud.storage.RecordStore;
import eu.sehr.cloud.storage.VerifyingInputStream;

/**
 * Pipeline step of {@code POST /citizen/upload} and {@code POST /hcp/upload}. Everything the catalogue will keep is
 * checked before the first byte moves; then the body streams to storage in bounded memory (no spool file) as a new
 * version under its own key, hashed on the way against the size limit and the optional {@code Content-Digest}. The
 * upload's event then makes that version current (the catalogue switches in the event's transaction and removes the
 * version it replaced after the commit). A refused body or a failed append removes only the new version: the
 * previous one stays downloadable and unchanged.
 */
public final class UploadRecord {

    private static final Pattern SHA256_DIGEST = Pattern.compile("(?i)(?:^|,)\\s*sha-256=:([A-Za-z0-9+/=]+):");
    /** The catalogue's limit for the kept Content-Type. */
    static final int MAX_TYPE_CHARS = 255;
    private static final String DEFAULT_TYPE = "application/octet-stream";

    private final RecordAccess access;
    private final RequestBodies bodies;
    private final RecordStore store;
    private final RecordCatalogue catalogue;
    private final long maxBytes;
    private final LongConsumer uploadedBytes;

    public UploadRecord(RecordAccess access, RequestBodies bodies, RecordStore store, RecordCatalogue catalogue, long maxBytes,
                        LongConsumer uploadedBytes) {
        this.access = access;
        this.bodies = bodies;
        this.store = store;
        this.catalogue = catalogue;
        this.maxBytes = maxBytes;
        this.uploadedBytes = uploadedBytes;
    }

    public Stored upload(Principal caller, Object body, String objectName, String contentType,
                                      String contentLength, String contentDigest) {
        Names.requireObjectName(objectName);
        String type = recordType(contentType);
        long declared = declaredLength(contentLength);
        if (declared > maxBytes) {
            throw new ApiException(413, "the record is larger than " + maxBytes + " bytes");
        }
        byte[] expected = expectedSha256(contentDigest);
        String bucket = access.uploadBucket(caller);
        boolean firstVersion = catalogue.claimFirstKey(bucket, objectName, caller.account());
        String version = firstVersion ? null : UUID.randomUUID().toString();
        String key = ObjectKeys.record(bucket, objectName, version);

        VerifyingInputStream content = new VerifyingInputStream(bodies.stream(body), maxBytes, declared, expected);
        try {
            store.put(key, content, declared, caller.kind().name());
            access.uploaded(caller, bucket, objectName, content.count(), content.sha256Hex(), type, version);
        } catch (RuntimeException e) {
            store.discard(key);
            if (firstVersion) {
                catalogue.releaseFirstKey(bucket, objectName);
            }
            throw e;
        }
        uploadedBytes.accept(content.count());
        return new Stored("record " + objectName + " stored in " + bucket, content.sha256Hex());
    }

    /** The Content-Type the catalogue will keep: printable, at most {@value #MAX_TYPE_CHARS} characters, not multipart. */
    static String recordType(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            return DEFAULT_TYPE;
        }
        if (contentType.length() > MAX_TYPE_CHARS || contentType.chars().anyMatch(c -> c < 0x20 || c > 0x7e)) {
            throw ApiException.badRequest("Content-Type must be at most " + MAX_TYPE_CHARS + " printable characters");
        }
        if (contentType.toLowerCase().startsWith("multipart/")) {
            throw ApiException.unsupportedMediaType("multipart bodies are not accepted: send the record's bytes");
        }
        return contentType;
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
