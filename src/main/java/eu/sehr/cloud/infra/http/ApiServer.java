package eu.sehr.cloud.infra.http;

import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import eu.sehr.cloud.infra.ConfigurationException;
import eu.sehr.cloud.infra.Settings;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.KeyCertOptions;
import io.vertx.ext.web.Router;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServerConfiguration;
import org.apache.camel.main.Main;

/**
 * The API's HTTP server. The service owns it (camel-platform-http-vertx only attaches its routes to its router)
 * so that it listens only once every route is in (no 404 while starting), serves TLS 1.3 alone when TLS is
 * configured, answers what Vert.x cannot parse (431, 414, 400) with the contract's error body and
 * {@code Connection: close}, leaves {@code Expect: 100-continue} to the pipeline (answered once the token and
 * consent checks pass), closes idle connections, and runs the routes' blocking work on a worker pool of
 * {@code sehr.http.worker-threads}.
 */
public final class ApiServer implements AutoCloseable {

    private static final String TLS_1_3 = "TLSv1.3";
    private static final int IDLE_TIMEOUT_SECONDS = 60;

    private final Vertx vertx;
    private final Router router;
    private final HttpServerOptions options;
    private HttpServer server;

    private ApiServer(Vertx vertx, Router router, HttpServerOptions options) {
        this.vertx = vertx;
        this.router = router;
        this.options = options;
    }

    public static ApiServer create(Settings settings) {
        Vertx vertx = Vertx.vertx(new VertxOptions().setWorkerPoolSize(settings.getInt("sehr.http.worker-threads")));
        HttpServerOptions options = new HttpServerOptions()
                .setHost(settings.get("sehr.host"))
                .setPort(settings.getInt("sehr.port"))
                .setHandle100ContinueAutomatically(false)
                // HTTP/1.1 only: bodies are read ahead of the route, which HTTP/2 streams do not allow
                .setHttp2ClearTextEnabled(false)
                .setIdleTimeout(IDLE_TIMEOUT_SECONDS)
                .setIdleTimeoutUnit(TimeUnit.SECONDS);
        Optional<KeyCertOptions> tls = Tls.fromSettings(settings);
        tls.ifPresent(key -> options.setSsl(true).setKeyCertOptions(key).setEnabledSecureTransportProtocols(Set.of(TLS_1_3)));
        return new ApiServer(vertx, Router.router(vertx), options);
    }

    public boolean isTls() {
        return options.isSsl();
    }

    public Vertx vertx() {
        return vertx;
    }

    /** Puts the router where camel-platform-http-vertx looks for it; before Camel starts. */
    public void attachTo(Main camel) {
        String name = VertxPlatformHttpRouter.getRouterNameFromPort(options.getPort());
        camel.bind(name, new VertxPlatformHttpRouter(null, vertx, router, name));
        VertxPlatformHttpServerConfiguration configuration = new VertxPlatformHttpServerConfiguration();
        configuration.setBindHost(options.getHost());
        configuration.setBindPort(options.getPort());
        camel.bind("sehrHttpServerConfiguration", configuration);
    }

    public Router router() {
        return router;
    }

    /** Starts listening; once the routes are in. */
    public void listen() {
        try {
            server = vertx.createHttpServer(options)
                    .requestHandler(router)
                    .invalidRequestHandler(ApiServer::refuseUnparseable)
                    .listen()
                    .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new ConfigurationException("the HTTP server cannot listen on " + options.getHost() + ":" + options.getPort()
                    + " (" + e.getClass().getSimpleName() + ")");
        }
    }

    /** A request Vert.x could not parse: the connection's state is unknown, so the answer closes it. */
    private static void refuseUnparseable(HttpServerRequest request) {
        Throwable cause = request.decoderResult().cause();
        if (cause instanceof TooLongHttpHeaderException) {
            DirectAnswers.errorAndClose(request.response(), 431, "the request headers are too large");
        } else if (cause instanceof TooLongHttpLineException) {
            DirectAnswers.errorAndClose(request.response(), 414, "the request line is too long");
        } else {
            DirectAnswers.errorAndClose(request.response(), 400, "malformed request");
        }
    }

    @Override
    public void close() {
        try {
            if (server != null) {
                server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            // stopping anyway: the event loops close with Vert.x below
        } finally {
            vertx.close();
        }
    }
}
