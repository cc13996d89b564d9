package eu.sehr.cloud.infra.http;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;

/**
 * Reads every request body except the streamed record uploads on the event loop, before a route takes a worker
 * thread: at most {@link RequestBodies#MAX_DOCUMENT_BYTES} bytes (413 beyond), within {@code deadline} (408 after),
 * both answered with {@code Connection: close}. A client that sends slowly therefore ties up no worker, however
 * many such clients there are. The route's step then takes the body from here, already complete.
 */
public final class DocumentBodies implements Handler<RoutingContext> {

    private static final int INITIAL_BYTES = 4 * 1024;

    private final Set<String> streamedPaths;
    private final Duration deadline;
    private final Map<HttpServerRequest, Buffer> read = new ConcurrentHashMap<>();

    /** The API's: every body but the record uploads', which their routes stream, within the contract's 10 s. */
    public static DocumentBodies exceptRecordUploads() {
        return new DocumentBodies(Set.of("/citizen/upload", "/hcp/upload"), Duration.ofSeconds(10));
    }

    /**
     * @param streamedPaths the paths whose bodies the route streams itself (record uploads)
     * @param deadline      how long a body may take to arrive
     */
    public DocumentBodies(Set<String> streamedPaths, Duration deadline) {
        this.streamedPaths = Set.copyOf(streamedPaths);
        this.deadline = deadline;
    }

    @Override
    public void handle(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        if (streamedPaths.contains(ctx.normalizedPath()) || !RequestBodies.hasBody(request)) {
            ctx.next();
            return;
        }
        long declared = RequestBodies.declaredLength(request);
        if (declared > RequestBodies.MAX_DOCUMENT_BYTES) {
            DirectAnswers.errorAndClose(ctx.response(), 413, "the document is larger than "
                    + RequestBodies.MAX_DOCUMENT_BYTES + " bytes");
            return;
        }
        // grown as bytes arrive: a declared length reserves nothing for a client that never sends it
        Buffer body = Buffer.buffer(INITIAL_BYTES);
        long timer = ctx.vertx().setTimer(deadline.toMillis(), id -> DirectAnswers.errorAndClose(ctx.response(), 408,
                "the request body did not arrive within " + deadline.toSeconds() + " seconds"));
        request.handler(chunk -> {
            if (body.length() + chunk.length() > RequestBodies.MAX_DOCUMENT_BYTES) {
                ctx.vertx().cancelTimer(timer);
                DirectAnswers.errorAndClose(ctx.response(), 413, "the document is larger than "
                        + RequestBodies.MAX_DOCUMENT_BYTES + " bytes");
                return;
            }
            body.appendBuffer(chunk);
        });
        request.exceptionHandler(failure -> ctx.vertx().cancelTimer(timer));
        request.endHandler(end -> {
            ctx.vertx().cancelTimer(timer);
            if (!ctx.response().ended() && !ctx.response().closed()) {
                read.put(request, body);
                ctx.addEndHandler(done -> read.remove(request));
                ctx.next();
            }
        });
        RequestBodies.continueIfExpected(request);
        request.resume();
    }

    /** The body read for this request; empty when it had none. */
    public Optional<Buffer> of(HttpServerRequest request) {
        return Optional.ofNullable(read.get(request));
    }
}
