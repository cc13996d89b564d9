package eu.sehr.cloud.storage;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.Map;

import io.minio.S3Escaper;
import io.minio.Signer;
import io.minio.Time;
import okhttp3.HttpUrl;
import okhttp3.Request;
import okhttp3.RequestBody;

/**
 * The headers of the byte path's own S3 requests, signed by the MinIO client's {@link Signer} (SigV4, a local HMAC)
 * with {@code UNSIGNED-PAYLOAD}: a body is streamed once, not hashed a second time for the signature (the service's own
 * SHA-256 of an upload is checked on the way). Whichever HTTP client then sends the request.
 */
final class SignedRequests {

    static final String UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD";

    private final ObjectStorage storage;

    SignedRequests(ObjectStorage storage) {
        this.storage = storage;
    }

    HttpUrl url(String bucket, String key) {
        return storage.endpoint().newBuilder().addPathSegment(bucket).addEncodedPathSegments(S3Escaper.encodePath(key)).build();
    }

    /** The given headers plus {@code Host}, {@code x-amz-date}, {@code x-amz-content-sha256} and {@code Authorization}. */
    Map<String, String> headers(String method, HttpUrl url, Map<String, String> headers) throws IOException {
        Request.Builder request = new Request.Builder()
                .url(url)
                .header("Host", host(url))
                .header("x-amz-date", ZonedDateTime.now(Time.UTC).format(Time.AMZ_DATE_FORMAT))
                .header("x-amz-content-sha256", UNSIGNED_PAYLOAD)
                // the signature covers the method, URL and headers only: an empty stand-in for a body the caller sends
                .method(method, "GET".equals(method) ? null : RequestBody.create(new byte[0]));
        headers.forEach(request::header);
        Request signed;
        try {
            signed = Signer.signV4S3(request.build(), storage.region(), storage.accessKey(), storage.secretKey(), UNSIGNED_PAYLOAD);
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot sign the storage request", e);
        }
        Map<String, String> signedHeaders = new LinkedHashMap<>();
        for (int i = 0; i < signed.headers().size(); i++) {
            signedHeaders.put(signed.headers().name(i), signed.headers().value(i));
        }
        return signedHeaders;
    }

    private static String host(HttpUrl url) {
        return url.port() == HttpUrl.defaultPort(url.scheme()) ? url.host() : url.host() + ":" + url.port();
    }
}
