package eu.sehr.cloud.storage;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.HexFormat;

import eu.sehr.cloud.infra.Hashes;
import eu.sehr.cloud.infra.http.ApiException;

/**
 * An upload on its way to storage: counts and hashes the bytes, and fails the stream (so the storage never
 * completes the put) when the body passes the size limit, ends before its declared length, or does not match the
 * SHA-256 the client declared. The check happens on the last byte, before the storage can see the end.
 */
public final class VerifyingInputStream extends FilterInputStream {

    private final MessageDigest digest = Hashes.sha256();
    private final long maxBytes;
    private final long declaredLength;
    private final byte[] expectedSha256;
    private long count;
    private byte[] sha256;

    public VerifyingInputStream(InputStream in, long maxBytes, long declaredLength, byte[] expectedSha256) {
        super(in);
        this.maxBytes = maxBytes;
        this.declaredLength = declaredLength;
        this.expectedSha256 = expectedSha256;
        if (declaredLength == 0) {
            sha256 = digest.digest();
            if (expectedSha256 != null && !MessageDigest.isEqual(expectedSha256, sha256)) {
                throw ApiException.badRequest("the body does not match its Content-Digest");
            }
        }
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] target, int offset, int length) throws IOException {
        if (sha256 != null && declaredLength >= 0) {
            return -1;
        }
        int n = super.read(target, offset, length);
        if (n < 0) {
            if (declaredLength >= 0 && count < declaredLength) {
                throw new StreamRefusal(ApiException.badRequest("the body ended before its declared Content-Length"));
            }
            if (sha256 == null) {
                check();
            }
            return -1;
        }
        count += n;
        digest.update(target, offset, n);
        if (count > maxBytes) {
            throw new StreamRefusal(new ApiException(413, "the record is larger than " + maxBytes + " bytes"));
        }
        if (declaredLength >= 0 && count >= declaredLength) {
            check();
        }
        return n;
    }

    private void check() throws StreamRefusal {
        sha256 = digest.digest();
        if (expectedSha256 != null && !MessageDigest.isEqual(expectedSha256, sha256)) {
            throw new StreamRefusal(ApiException.badRequest("the body does not match its Content-Digest"));
        }
    }

    /** The SHA-256 of the whole body, once it has been read to its end. */
    public String sha256Hex() {
        if (sha256 == null) {
            throw new IllegalStateException("the body has not been read to its end");
        }
        return HexFormat.of().formatHex(sha256);
    }

    public long count() {
        return count;
    }
}
