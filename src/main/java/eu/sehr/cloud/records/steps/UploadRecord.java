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
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Header;

/**
 * Pipeline steps of {@code POST /citizen/upload} and {@code POST /hcp/upload}, in the route's order:
 * {@link #validate} checks everything the catalogue will keep before the first byte moves; the target bucket
 * ({@code RecordAccess.uploadBucket}); {@link #claim} picks the new version's key; {@link #store} streams the body to
 * storage in bounded memory (no spool file) under that key, hashed on the way against the size limit and the optional
 * {@code Content-Digest}; {@link #record} sends the upload's command, whose event makes that version current (the
 * catalogue switches in the event's transaction and removes the version it replaced after the commit);
 * {@link #answer} is the 201's body. When storing or recording fails, {@link #discard} removes only the new version
 * and rethrows: the previous one stays downloadable and unchanged.
 */
public final class UploadRecord {

    private static final Pattern SHA256_DIGEST = Pattern.compile("(?i)(?:^|,)\\s*sha-256=:([A-Za-z0-9+/=]+):");
    /** The catalogue's limit for the kept Content-Type. */
    static final int MAX_TYPE_CHARS = 255;
    private static final String DEFAULT_TYPE = "application/octet-stream";

    /** What the request declares, checked: the record's name, its kept type, its length (-1: unknown) and SHA-256. */
    public record UploadRequest(String object, String type, long declaredLength, byte[] expectedSha256) {
    }

    /** Where the new version goes: {@code first} when it holds the claim on the plain key (version null). */
    public record NewVersion(String bucket, String object, String version, boolean first) {

        public String key() {
            return ObjectKeys.record(bucket, object, version);
        }
    }

    /** The stored body's length and SHA-256 (hex), as counted and hashed on its way to storage. */
    public record StoredBytes(long count, String sha256) {
    }

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

    /** 400 for a bad name, type, length or digest header, 415 for multipart, 413 for a declared length over the limit. */
    public UploadRequest validate(@Header("objectName") String objectName, @Header("Content-Type") String contentType,
                                  @Header("Content-Length") String contentLength,
                                  @Header("Content-Digest") String contentDigest) {
        Names.requireObjectName(objectName);
        String type = recordType(contentType);
        long declared = declaredLength(contentLength);
        if (declared > maxBytes) {
            throw new ApiException(413, "the record is larger than " + maxBytes + " bytes");
        }
        return new UploadRequest(objectName, type, declared, expectedSha256(contentDigest));
    }

    /**
     * The first version of a name claims the plain key; any later one (or a first one racing another) gets a key of
     * its own, so a record already stored stays stored, untouched, until its replacement is recorded.
     */
    public NewVersion claim(@ExchangeProperty("principal") Principal caller, @ExchangeProperty("bucket") String bucket,
                            @ExchangeProperty("upload") UploadRequest upload) {
        boolean first = catalogue.claimFirstKey(bucket, upload.object(), caller.account());
        return new NewVersion(bucket, upload.object(), first ? null : UUID.randomUUID().toString(), first);
    }

    /**
     * The body streamed to storage under the new version's key (a client waiting on {@code Expect: 100-continue} is
     * told to send it now). A body over the limit, shorter than declared or not matching its digest fails the put
     * on its way (413, 400), so the storage never completes it.
     */
    public StoredBytes store(@Body Object body, @ExchangeProperty("principal") Principal caller,
                             @ExchangeProperty("upload") UploadRequest upload, @ExchangeProperty("version") NewVersion version) {
        VerifyingInputStream content = new VerifyingInputStream(bodies.stream(body), maxBytes, upload.declaredLength(),
                upload.expectedSha256());
        store.put(version.key(), content, upload.declaredLength(), caller.kind().name());
        return new StoredBytes(content.count(), content.sha256Hex());
    }

    /** The upload's command: once it succeeds, the new version is the record (the catalogue switched with its event). */
    public void record(@ExchangeProperty("principal") Principal caller, @ExchangeProperty("upload") UploadRequest upload,
                       @ExchangeProperty("version") NewVersion version, @ExchangeProperty("stored") StoredBytes stored) {
        access.uploaded(caller, version.bucket(), version.object(), stored.count(), stored.sha256(), upload.type(),
                version.version());
        uploadedBytes.accept(stored.count());
    }

    /**
     * Compensation of a failed {@link #store} or {@link #record}: the new version's object removed and its claim
     * given back, then the failure rethrown for the error route. The previous version is not touched.
     */
    public void discard(@ExchangeProperty(Exchange.EXCEPTION_CAUGHT) Exception failure,
                        @ExchangeProperty("version") NewVersion version) throws Exception {
        store.discard(version.key());
        if (version.first()) {
            catalogue.releaseFirstKey(version.bucket(), version.object());
        }
        throw failure;
    }

    public Stored answer(@ExchangeProperty("version") NewVersion version, @ExchangeProperty("stored") StoredBytes stored) {
        return new Stored("record " + version.object() + " stored in " + version.bucket(), stored.sha256());
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
