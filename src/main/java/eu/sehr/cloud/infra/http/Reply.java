package eu.sehr.cloud.infra.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.util.Map;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.streams.ReadStream;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.platform.http.vertx.HttpMessage;

/**
 * Pipeline step that ends a successful request: the step's result as JSON with the given status. The request's
 * headers are dropped first, so nothing the client sent (its Authorization header above all) is echoed back.
 */
public final class Reply {

    private final ObjectMapper mapper;
    private final Vertx vertx;

    /** {@code vertx} is the HTTP server's: its timers cut off clients that read too slowly. */
    public Reply(ObjectMapper mapper, Vertx vertx) {
        this.mapper = mapper;
        this.vertx = vertx;
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
     * Relays the paused {@code source} as {@code application/octet-stream} with its exact length and the given
     * headers, straight to the HTTP response (see {@link ResponseRelay}); {@code abandon} gives the source up when the
     * client does not take it all.
     */
    public void relay(Exchange exchange, ReadStream<Buffer> source, Runnable abandon, long length, Map<String, String> headers) {
        ResponseRelay.relay(vertx, takeOver(exchange), source, abandon, length, "application/octet-stream", headers);
    }

    /** Streams a document of unknown length (sent chunked), such as NDJSON (see {@link ResponseStreamer}). */
    public void chunked(Exchange exchange, InputStream content, String contentType) {
        ResponseStreamer.write(takeOver(exchange), content, contentType);
    }

    /** The HTTP response, which the caller writes itself: Camel's message is emptied. */
    private static HttpServerResponse takeOver(Exchange exchange) {
        HttpMessage http = exchange.getIn(HttpMessage.class);
        Message message = exchange.getMessage();
        message.getHeaders().clear();
        message.setBody(null);
        return http.getResponse();
    }

    private static void replace(Message message, int status, String contentType) {
        message.getHeaders().clear();
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        message.setHeader(Exchange.CONTENT_TYPE, contentType);
    }
}
