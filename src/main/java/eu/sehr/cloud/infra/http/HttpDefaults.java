package eu.sehr.cloud.infra.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
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
