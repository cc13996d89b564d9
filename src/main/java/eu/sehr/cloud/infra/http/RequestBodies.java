package eu.sehr.cloud.infra.http;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;

/**
 * Request bodies as the routes' steps see them: documents (JSON, FHIR) already read on the event loop by
 * {@link DocumentBodies}, record uploads streamed by {@link #stream(Object)} with back-pressure and a minimum rate.
 */
public final class RequestBodies {

    /** The largest JSON or FHIR document an endpoint accepts. */
    public static final int MAX_DOCUMENT_BYTES = 1024 * 1024;

    private final DocumentBodies documents;

    public RequestBodies(DocumentBodies documents) {
        this.documents = documents;
    }

    /** A document body as text; empty when the request had none. Never waits for the client. */
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
        if (body instanceof HttpServerRequest request) {
            return documents.of(request).map(buffer -> buffer.toString(StandardCharsets.UTF_8)).orElse("");
        }
        throw new IllegalArgumentException("not a document body: " + body.getClass().getSimpleName());
    }

    /**
     * A record's body as a stream. A client waiting on {@code Expect: 100-continue} is told to send it now: every
     * check that does not need the body has passed when a step asks for the stream.
     */
    public InputStream stream(Object body) {
        if (body instanceof HttpServerRequest request) {
            Optional<Buffer> read = documents.of(request);
            if (read.isPresent()) {
                return new ByteArrayInputStream(read.get().getBytes());
            }
            continueIfExpected(request);
            return new RequestBodyStream(request, MinimumRate.CONTRACT);
        }
        if (body instanceof InputStream in) {
            return in;
        }
        if (body instanceof byte[] bytes) {
            return new ByteArrayInputStream(bytes);
        }
        return InputStream.nullInputStream();
    }

    static void continueIfExpected(HttpServerRequest request) {
        String expect = request.getHeader("Expect");
        if (expect != null && expect.equalsIgnoreCase("100-continue") && !request.response().headWritten()) {
            request.response().writeContinue();
        }
    }

    static boolean hasBody(HttpServerRequest request) {
        return request.getHeader("Transfer-Encoding") != null || declaredLength(request) > 0;
    }

    /** The declared Content-Length, -1 when there is none or it is not a number (Vert.x refuses those itself). */
    static long declaredLength(HttpServerRequest request) {
        String length = request.getHeader("Content-Length");
        if (length == null) {
            return -1;
        }
        try {
            return Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
