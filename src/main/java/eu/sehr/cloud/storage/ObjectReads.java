package eu.sehr.cloud.storage;

import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import eu.sehr.cloud.infra.StoreUnavailableException;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import okhttp3.HttpUrl;

/**
 * Reads of stored objects on the HTTP server's own Vert.x: the GET goes out on a pooled non-blocking connection and
 * its body is handed on as the buffers Netty read, so a download's bytes are never copied into a blocking stream. The
 * caller's thread waits only for the response's head.
 */
final class ObjectReads {

    private static final int CONNECTIONS = 64;
    private static final int CHUNK_BYTES = 256 * 1024;
    private static final int TIMEOUT_SECONDS = 4;
    /**
     * Longer than a slow client's grace ({@code MinimumRate}): a body paused because the client reads slowly is not
     * taken for a stalled store; a store that stalls mid-body is cut off after it.
     */
    private static final int BODY_IDLE_SECONDS = 15;
    private static final Pattern ERROR_CODE = Pattern.compile("<Code>([^<]*)</Code>");
    private static final Set<String> MISSING = Set.of("NoSuchKey", "NoSuchObject", "NotFound");

    private final HttpClient client;
    private final SignedRequests signing;
    private final String bucket;

    ObjectReads(Vertx vertx, ObjectStorage storage, String bucket) {
        this.client = vertx.createHttpClient(new HttpClientOptions()
                .setSsl("https".equals(storage.endpoint().scheme()))
                .setConnectTimeout(TIMEOUT_SECONDS * 1000)
                .setIdleTimeout(BODY_IDLE_SECONDS)
                .setIdleTimeoutUnit(TimeUnit.SECONDS)
                .setTcpNoDelay(true)
                // Netty's default cuts a body into 8 KiB pieces, each a write and a flush on the way out: hand on what
                // one read brought instead
                .setMaxChunkSize(CHUNK_BYTES), new PoolOptions().setHttp1MaxSize(CONNECTIONS));
        this.signing = new SignedRequests(storage);
        this.bucket = bucket;
    }

    /**
     * The object, open, or empty when storage says it does not exist. Any other answer, or none within
     * {@value #TIMEOUT_SECONDS} s, is a {@link StoreUnavailableException}; the connection it came on is closed.
     */
    Optional<StoredObject> get(String key) {
        CompletableFuture<Optional<StoredObject>> head = new CompletableFuture<>();
        try {
            HttpUrl url = signing.url(bucket, key);
            RequestOptions options = new RequestOptions().setMethod(HttpMethod.GET).setAbsoluteURI(url.toString());
            signing.headers("GET", url, Map.of()).forEach(options::putHeader);
            client.request(options).onComplete(sent -> {
                if (sent.failed()) {
                    head.completeExceptionally(sent.cause());
                    return;
                }
                HttpClientRequest request = sent.result();
                request.response().onComplete(answered -> {
                    if (answered.failed()) {
                        head.completeExceptionally(answered.cause());
                    } else {
                        answer(request, answered.result(), head);
                    }
                });
                request.end();
            });
            return head.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable(e);
        } catch (IOException | ExecutionException | TimeoutException e) {
            // an answer that comes after the wait gave up is discarded on arrival
            head.completeExceptionally(e);
            head.thenAccept(opened -> opened.ifPresent(StoredObject::discard));
            throw unavailable(e);
        }
    }

    /** Runs on the connection's event loop as the head arrives, before any of the body. */
    private static void answer(HttpClientRequest request, HttpClientResponse response,
                               CompletableFuture<Optional<StoredObject>> head) {
        if (response.statusCode() == 200) {
            response.pause();
            StoredObject opened = new StoredObject(request, response);
            if (!head.complete(Optional.of(opened))) {
                opened.discard();
            }
        } else if (response.statusCode() == 404) {
            // an S3 error answer is a short XML document: its code tells a missing object from a missing bucket
            response.body().onComplete(body -> {
                Matcher code = ERROR_CODE.matcher(body.succeeded() ? body.result().toString() : "");
                if (code.find() && MISSING.contains(code.group(1))) {
                    head.complete(Optional.empty());
                } else {
                    failed(request, head, "object storage answered 404 without a missing object");
                }
            });
        } else {
            failed(request, head, "object storage answered " + response.statusCode() + " to a GET");
        }
    }

    private static void failed(HttpClientRequest request, CompletableFuture<Optional<StoredObject>> head, String why) {
        request.reset();
        head.completeExceptionally(new IOException(why));
    }

    private static StoreUnavailableException unavailable(Exception e) {
        return new StoreUnavailableException("object storage is unavailable", e);
    }
}
