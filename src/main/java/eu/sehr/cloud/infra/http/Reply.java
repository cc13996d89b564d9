package eu.sehr.cloud.infra.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.util.Map;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.platform.http.vertx.HttpMessage;

/**
 * Pipeline step that ends a successful request: the step's result as JSON with the given status. The request's
 * headers are dropped first, so nothing the client sent (its Authorization header above all) is echoed back.
 */
public final class Reply {

    private final ObjectMapper mapper;

    public Reply(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public void json(Exchange exchange, int status) throws JsonProcessingException {
        Message message = exchange.getMessage();
        String json = mapper.writeValueAsString(message.getBody());
        replace(message, status, "application/json");
        message.setBody(json);
    }

    /** A body that is already a JSON document as text (JWKS, FHIR resources) with its content type. */
    public void document(Exchange exchange, int status, String contentType) {
        replace(exchange.getMessage(), status, contentType);
    }

    /**
     * Streams bytes as {@code application/octet-stream} with their exact length and the given headers, written
     * straight to the HTTP response (see {@link ResponseStreamer}).
     */
    public void stream(Exchange exchange, InputStream content, long length, Map<String, String> headers) {
        HttpMessage http = exchange.getIn(HttpMessage.class);
        Message message = exchange.getMessage();
        message.getHeaders().clear();
        message.setBody(null);
        ResponseStreamer.write(http.getResponse(), content, length, "application/octet-stream", headers);
    }

    /** Streams a document of unknown length (sent chunked), such as NDJSON, as {@link #stream} does. */
    public void chunked(Exchange exchange, InputStream content, String contentType) {
        HttpMessage http = exchange.getIn(HttpMessage.class);
        Message message = exchange.getMessage();
        message.getHeaders().clear();
        message.setBody(null);
        ResponseStreamer.write(http.getResponse(), content, ResponseStreamer.UNKNOWN_LENGTH, contentType, Map.of());
    }

    private static void replace(Message message, int status, String contentType) {
        message.getHeaders().clear();
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        message.setHeader(Exchange.CONTENT_TYPE, contentType);
    }
}
