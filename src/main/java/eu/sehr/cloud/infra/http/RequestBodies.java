package eu.sehr.cloud.infra.http;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import io.vertx.core.http.HttpServerRequest;

/**
 * Request bodies arrive unread (the HTTP layer runs without a body handler): small documents are read here with
 * a size limit, records are streamed by {@link #stream(Object)}.
 */
public final class RequestBodies {

    /** The largest JSON or FHIR document an endpoint accepts. */
    public static final int MAX_DOCUMENT_BYTES = 1024 * 1024;

    public String text(Object body) {
        if (body == null) {
            return "";
        }
        if (body instanceof String text) {
            return text;
        }
        if (body instanceof byte[] bytes) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
        try (InputStream in = stream(body)) {
            byte[] bytes = in.readNBytes(MAX_DOCUMENT_BYTES + 1);
            if (bytes.length > MAX_DOCUMENT_BYTES) {
                throw new ApiException(413, "the document is larger than " + MAX_DOCUMENT_BYTES + " bytes");
            }
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw ApiException.badRequest("the request body could not be read");
        }
    }

    public InputStream stream(Object body) {
        if (body instanceof HttpServerRequest request) {
            return new RequestBodyStream(request);
        }
        if (body instanceof InputStream in) {
            return in;
        }
        if (body instanceof byte[] bytes) {
            return new java.io.ByteArrayInputStream(bytes);
        }
        return InputStream.nullInputStream();
    }
}
