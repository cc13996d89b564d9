package eu.sehr.cloud.infra.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.http.HttpServerRequest;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place that turns a failed exchange into the contract's error body and status. Unexpected failures are
 * logged with their stack trace here and answered with a generic message; nothing internal reaches the client.
 */
public final class ErrorResponder {

    private static final Logger LOG = LoggerFactory.getLogger(ErrorResponder.class);

    private final ObjectMapper mapper;

    public ErrorResponder(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public ApiException classify(Exchange exchange) {
        Throwable failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        ApiException refusal = Failures.classify(failure);
        if (refusal.status() == 503) {
            LOG.warn("{} refused with 503: {}", exchange.getFromRouteId(), rootCause(failure));
        } else if (refusal.status() >= 500) {
            LOG.error("{} failed", exchange.getFromRouteId(), failure);
        }
        return refusal;
    }

    private static boolean hasUnreadBody(HttpServerRequest request) {
        String length = request.getHeader("Content-Length");
        boolean hasBody = request.getHeader("Transfer-Encoding") != null || (length != null && !"0".equals(length.trim()));
        return hasBody && !request.isEnded();
    }

    private static String rootCause(Throwable failure) {
        Throwable root = failure;
        while (root != null && root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == null ? "" : root.getClass().getName() + ": " + root.getMessage();
    }

    public void respond(Exchange exchange, ApiException refusal) {
        Message message = exchange.getMessage();
        if (message.getBody() instanceof HttpServerRequest request && hasUnreadBody(request)) {
            // a refused upload is not read: end the connection rather than leave it stalled behind its body
            request.response().putHeader("Connection", "close");
        }
        message.getHeaders().clear();
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, refusal.status());
        message.setHeader(Exchange.CONTENT_TYPE, "application/json");
        try {
            message.setBody(mapper.writeValueAsString(new ErrorBody(refusal.getMessage(), refusal.status())));
        } catch (JsonProcessingException e) {
            message.setBody("{\"msg\":\"internal error\",\"errorCode\":500}");
        }
    }
}
