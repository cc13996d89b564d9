package eu.sehr.cloud.infra.http;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import eu.sehr.cloud.security.ClientAddresses;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;

/**
 * At most {@code limit} requests in progress per client address (429 beyond, {@code Connection: close} when a body
 * is left unread), so that one client, however many connections it opens, holds a bounded share of the service.
 * Health checks are not counted: a probe must not fail because a client at the same address is busy.
 */
public final class ClientRequestCap implements Handler<RoutingContext> {

    private static final String HEALTH = "/health/";

    private final ClientAddresses addresses;
    private final int limit;
    private final Map<String, Integer> inProgress = new ConcurrentHashMap<>();

    public ClientRequestCap(ClientAddresses addresses, int limit) {
        this.addresses = addresses;
        this.limit = limit;
    }

    @Override
    public void handle(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        if (ctx.normalizedPath().startsWith(HEALTH)) {
            ctx.next();
            return;
        }
        String client = addresses.of(request.remoteAddress().hostAddress(), request.getHeader("X-Forwarded-For"));
        if (inProgress.merge(client, 1, Integer::sum) > limit) {
            release(client);
            String message = "too many requests in progress from this client; try again later";
            if (RequestBodies.hasBody(request)) {
                DirectAnswers.errorAndClose(ctx.response(), 429, message);
            } else {
                DirectAnswers.error(ctx.response(), 429, message);
            }
            return;
        }
        ctx.addEndHandler(done -> release(client));
        ctx.next();
    }

    /** Requests in progress from this client address (for tests and metrics). */
    public int inProgress(String client) {
        return inProgress.getOrDefault(client, 0);
    }

    private void release(String client) {
        inProgress.computeIfPresent(client, (key, count) -> count <= 1 ? null : count - 1);
    }
}
