package eu.sehr.cloud.infra.http;

import io.vertx.core.Future;
import io.vertx.core.http.HttpServerResponse;

/**
 * Answers written straight through Vert.x, before or outside any route: the contract's error body, and for an
 * answer after which the connection cannot be reused (a body left unread, a request that could not be parsed)
 * {@code Connection: close}, with the connection closed once the answer is out.
 */
final class DirectAnswers {

    private DirectAnswers() {
    }

    static Future<Void> error(HttpServerResponse response, int status, String message) {
        if (response.ended() || response.closed()) {
            return Future.succeededFuture();
        }
        if (response.headWritten()) {
            return response.end();
        }
        return response.setStatusCode(status)
                .putHeader("Content-Type", "application/json")
                .putHeader("Cache-Control", "no-store")
                .putHeader("X-Content-Type-Options", "nosniff")
                .end(ErrorBody.json(message, status));
    }

    /** The error, then the connection closed: the client is told so with {@code Connection: close}. */
    static void errorAndClose(HttpServerResponse response, int status, String message) {
        if (response.ended() || response.closed()) {
            return;
        }
        if (!response.headWritten()) {
            response.putHeader("Connection", "close");
        }
        error(response, status, message).onComplete(sent -> response.close());
    }
}
