package eu.sehr.cloud.infra.http;

import java.util.List;
import java.util.function.IntConsumer;

import eu.sehr.cloud.infra.ConfigurationException;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HTTP behaviour around the routes, installed on the server's router before it listens: on every answer
 * {@code Cache-Control: no-store} and {@code X-Content-Type-Options: nosniff} (and {@code Strict-Transport-Security}
 * under TLS); an answer that says {@code Connection: close} closes the connection; the per-client cap on requests in
 * progress; no query parameter named like a header; document bodies read on the event loop; and the contract's error body instead of Vert.x's HTML pages for
 * what no route takes (unknown paths, wrong methods) and what fails before a route runs.
 */
public final class HttpDefaults {

    private static final Logger LOG = LoggerFactory.getLogger(HttpDefaults.class);
    private static final String HSTS = "max-age=31536000";

    private final boolean tls;
    private final ClientRequestCap clientCap;
    private final DocumentBodies documents;
    private final IntConsumer answered;

    /** @param answered told the status of every answer (metrics) */
    public HttpDefaults(boolean tls, ClientRequestCap clientCap, DocumentBodies documents, IntConsumer answered) {
        this.tls = tls;
        this.clientCap = clientCap;
        this.documents = documents;
        this.answered = answered;
    }

    public void install(Router router) {
        requireNoShadowedRoutes(router.getRoutes());
        router.route().order(Integer.MIN_VALUE).handler(this::everyAnswer);
        router.route().order(Integer.MIN_VALUE + 1).handler(new HeaderNamedQueries());
        router.route().order(Integer.MIN_VALUE + 2).handler(clientCap);
        router.route().order(Integer.MIN_VALUE + 3).handler(documents);
        router.route().last().handler(ctx -> DirectAnswers.error(ctx.response(), 404, "no such endpoint"));
        router.errorHandler(400, ctx -> DirectAnswers.error(ctx.response(), 400, "malformed request"));
        router.errorHandler(404, ctx -> DirectAnswers.error(ctx.response(), 404, "no such endpoint"));
        router.errorHandler(405, ctx -> DirectAnswers.error(ctx.response(), 405, "method not allowed"));
        router.errorHandler(500, ctx -> {
            if (ctx.response().headWritten() || ctx.response().closed()) {
                // a response already cut off (a client that stopped reading): nothing more can be said to it
                LOG.debug("A request failed after its answer began: {}", String.valueOf(ctx.failure()));
                ctx.response().reset();
                return;
            }
            LOG.error("A request failed before or after its route ran", ctx.failure());
            DirectAnswers.error(ctx.response(), 500, "internal error");
        });
    }

    private void everyAnswer(RoutingContext ctx) {
        HttpServerResponse response = ctx.response();
        // every answer may carry a token or health data: no cache keeps it, no browser guesses its type
        response.putHeader("Cache-Control", "no-store");
        response.putHeader("X-Content-Type-Options", "nosniff");
        if (tls) {
            response.putHeader("Strict-Transport-Security", HSTS);
        }
        ctx.addEndHandler(done -> {
            answered.accept(response.getStatusCode());
            if ("close".equalsIgnoreCase(response.headers().get("Connection"))) {
                ctx.request().connection().close();
            }
        });
        ctx.next();
    }

    /**
     * Vert.x tries routes in the order they were added, so a route with path parameters added before a literal one
     * of the same shape ({@code GET /citizen/{bucket}/{object}} before {@code GET /citizen/consent/{purpose}})
     * would take its requests. Route files are loaded in a fixed order for that reason; this check makes a wrong
     * order fail at start-up instead of misrouting requests.
     */
    static void requireNoShadowedRoutes(List<Route> routes) {
        for (int i = 0; i < routes.size(); i++) {
            for (int j = i + 1; j < routes.size(); j++) {
                if (shadows(routes.get(i), routes.get(j))) {
                    throw new ConfigurationException("the route " + routes.get(i).getPath() + " is loaded before "
                            + routes.get(j).getPath() + " and would take its requests: load it later");
                }
            }
        }
    }

    private static boolean shadows(Route earlier, Route later) {
        if (earlier.getPath() == null || later.getPath() == null || earlier.getPath().equals(later.getPath())) {
            return false;
        }
        if (!earlier.methods().isEmpty() && !later.methods().isEmpty()
                && earlier.methods().stream().noneMatch(later.methods()::contains)) {
            return false;
        }
        String[] pattern = earlier.getPath().split("/");
        String[] path = later.getPath().split("/");
        if (pattern.length != path.length) {
            return false;
        }
        for (int k = 0; k < pattern.length; k++) {
            if (!pattern[k].startsWith(":") && !pattern[k].equals(path[k])) {
                return false;
            }
        }
        return true;
    }
}
