package eu.sehr.cloud.storage;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;

/** Reads an opened object's body to its end, as a test's reader. */
final class StoredObjects {

    private StoredObjects() {
    }

    static byte[] readAll(StoredObject object) throws Exception {
        CompletableFuture<Buffer> all = new CompletableFuture<>();
        Buffer collected = Buffer.buffer();
        ReadStream<Buffer> body = object.body();
        body.handler(collected::appendBuffer);
        body.exceptionHandler(all::completeExceptionally);
        body.endHandler(v -> all.complete(collected));
        body.resume();
        return all.get(30, TimeUnit.SECONDS).getBytes();
    }
}
