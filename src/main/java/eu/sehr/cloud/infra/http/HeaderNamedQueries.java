package eu.sehr.cloud.infra.http;

import java.util.Locale;
import java.util.Set;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/**
 * Refuses (400) a query parameter named like a header: camel-platform-http turns query parameters into message
 * headers, so {@code ?Authorization=Bearer ...} would reach the steps as the {@code Authorization} header (a token in
 * the URL, in every proxy's log) and {@code ?X-Forwarded-For=...} would choose the client address. No parameter of the
 * API is named like a header, so the rule costs no client anything.
 */
public final class HeaderNamedQueries implements Handler<RoutingContext> {

    /** Headers the steps read, whether or not the request carries them. */
    private static final Set<String> READ_HEADERS = Set.of("authorization", "content-type", "content-length",
            "content-digest", "transfer-encoding", "expect", "host", "x-forwarded-for", "forwarded", "cookie");

    @Override
    public void handle(RoutingContext ctx) {
        for (String name : ctx.queryParams().names()) {
            String lower = name.toLowerCase(Locale.ROOT);
            if (READ_HEADERS.contains(lower) || lower.startsWith("camel") || lower.startsWith("org.apache.camel")
                    || ctx.request().headers().contains(name)) {
                DirectAnswers.error(ctx.response(), 400, "a query parameter may not be named like a header: send "
                        + "credentials and request metadata as headers");
                return;
            }
        }
        ctx.next();
    }
}
