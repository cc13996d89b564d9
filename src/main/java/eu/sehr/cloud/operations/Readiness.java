package eu.sehr.cloud.operations;

import java.sql.Connection;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javax.sql.DataSource;

import com.mongodb.client.MongoClient;
import io.minio.BucketExistsArgs;
import io.minio.MinioClient;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.bson.Document;

/**
 * {@code GET /health/ready}: object storage, PostgreSQL, MongoDB and the audit projections, each checked in
 * parallel with a short timeout, so a hanging store makes the answer DOWN within seconds rather than late. Requests
 * need object storage and PostgreSQL; the audit views (MongoDB and their projections) only lag behind while they are
 * down, and catch up afterwards, so their failure is DEGRADED rather than DOWN.
 */
public final class Readiness implements AutoCloseable {

    private static final long TIMEOUT_MILLIS = 2000;

    /** What a failed check means: requests fail (DOWN), or only the audit views lag (DEGRADED). */
    public static final String DOWN = "DOWN";
    public static final String DEGRADED = "DEGRADED";

    private final Map<String, BooleanSupplier> checks = new LinkedHashMap<>();
    private final Map<String, String> whenFailed = new LinkedHashMap<>();
    private final ExecutorService executor = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "readiness-check");
        thread.setDaemon(true);
        return thread;
    });

    public Readiness(MinioClient minio, String bucket, DataSource database, MongoClient mongo, String mongoDatabase,
                     EventProcessingConfiguration processors, List<String> projections) {
        add("objectStorage", DOWN, () -> bucketExists(minio, bucket));
        add("postgres", DOWN, () -> answers(database));
        add("mongodb", DEGRADED, () -> mongo.getDatabase(mongoDatabase).runCommand(new Document("ping", 1)).get("ok") != null);
        add("eventProcessors", DEGRADED, () -> projections.stream().allMatch(name -> processors
                .eventProcessor(name, StreamingEventProcessor.class)
                .map(processor -> processor.isRunning() && !processor.isError())
                .orElse(false)));
    }

    private void add(String name, String failure, BooleanSupplier check) {
        checks.put(name, check);
        whenFailed.put(name, failure);
    }

    /** Each check's result: UP, or when it fails DOWN (requests fail) or DEGRADED (the audit views lag). */
    public Map<String, String> check() {
        Map<String, CompletableFuture<Boolean>> running = new LinkedHashMap<>();
        checks.forEach((name, check) -> running.put(name, CompletableFuture.supplyAsync(() -> safely(check), executor)));
        Map<String, String> results = new LinkedHashMap<>();
        running.forEach((name, future) -> results.put(name, up(future) ? "UP" : whenFailed.get(name)));
        return results;
    }

    private static boolean up(CompletableFuture<Boolean> future) {
        try {
            return future.get(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (Exception e) {
            return false;
        }
    }

    private static boolean safely(BooleanSupplier check) {
        try {
            return check.getAsBoolean();
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static boolean bucketExists(MinioClient minio, String bucket) {
        try {
            return minio.bucketExists(BucketExistsArgs.builder().bucket(bucket).build());
        } catch (Exception e) {
            return false;
        }
    }

    private static boolean answers(DataSource database) {
        try (Connection connection = database.getConnection(); Statement statement = connection.createStatement()) {
            return statement.execute("SELECT 1");
        } catch (Exception e) {
            return false;
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
