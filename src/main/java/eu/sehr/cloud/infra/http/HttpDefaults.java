package eu.sehr.cloud.infra.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import eu.sehr.cloud.infra.ConfigurationException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;

import io.vertx.ext.web.Route;
import io.vertx.ext.web.RoutingContext;
import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;

/**
 * HTTP behaviour around the routes: {@code Cache-Control: no-store} on every answer, and the contract's error body
 * instead of Vert.x's HTML pages for what no route takes (unknown paths, wrong methods) and what the HTTP layer
 * refuses before a route runs (bodies over the size limit, unreadable requests).
 */
public final class HttpDefaults {

    private final ObjectMapper mapper;

    public HttpDefaults(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public void install(CamelContext camel) {
        VertxPlatformHttpRouter router = VertxPlatformHttpRouter.lookup(camel,
                VertxPlatformHttpRouter.getRouterNameFromPort(camel.getPropertiesComponent()
                        .resolveProperty("camel.server.port").map(Integer::parseInt).orElse(8080)));
        requireNoShadowedRoutes(router.getRoutes());
        router.route().order(Integer.MIN_VALUE).handler(ctx -> {
            // every answer may carry a token or health data: no cache keeps it
            ctx.response().putHeader("Cache-Control", "no-store");
            ctx.next();
        });
        router.route().last().handler(ctx -> write(ctx, 404, "no such endpoint"));
        router.errorHandler(400, ctx -> write(ctx, 400, "malformed request"));
        router.errorHandler(404, ctx -> write(ctx, 404, "no such endpoint"));
        router.errorHandler(405, ctx -> write(ctx, 405, "method not allowed"));
        router.errorHandler(413, ctx -> write(ctx, 413, "the body is larger than allowed"));
        router.errorHandler(500, ctx -> write(ctx, 500, "internal error"));
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

    private void write(RoutingContext ctx, int status, String message) {
        if (ctx.response().headWritten()) {
            ctx.response().end();
            return;
        }
        String body;
        try {
            body = mapper.writeValueAsString(new ErrorBody(message, status));
        } catch (JsonProcessingException e) {
            body = "{\"msg\":\"internal error\",\"errorCode\":500}";
        }
        ctx.response().setStatusCode(status)
                .putHeader("Content-Type", "application/json")
                .putHeader("Cache-Control", "no-store")
                .end(body);
    }
}
