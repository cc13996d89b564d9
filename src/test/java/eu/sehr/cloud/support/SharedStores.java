package eu.sehr.cloud.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.Map;

import eu.sehr.cloud.infra.embedded.EmbeddedMongoServer;
import eu.sehr.cloud.infra.embedded.EmbeddedObjectStorage;
import eu.sehr.cloud.infra.embedded.EmbeddedPostgresServer;
import eu.sehr.cloud.security.SigningKey;
import eu.sehr.cloud.support.RunningService.Started;
import eu.sehr.cloud.transparency.note.SigningKeyFile;

import static eu.sehr.cloud.support.Resources.closeQuietly;

/**
 * One set of stores (embedded PostgreSQL, object storage and MongoDB, started here) and the keys that replicas must
 * share (the token key, the log key), for tests that run several replicas of the service on them, as behind a load
 * balancer. Close the replicas first, then this.
 */
public final class SharedStores implements AutoCloseable {

    private final Path dir;
    private EmbeddedPostgresServer postgres;
    private EmbeddedObjectStorage storage;
    private EmbeddedMongoServer mongo;
    private final Map<String, String> shared = new HashMap<>();

    private SharedStores(Path dir) {
        this.dir = dir;
    }

    public static SharedStores start() throws Exception {
        SharedStores stores = new SharedStores(RunningService.tempDir());
        try {
            stores.startStoresAndKeys();
            return stores;
        } catch (Exception e) {
            stores.close();
            throw e;
        }
    }

    private void startStoresAndKeys() throws Exception {
        postgres = EmbeddedPostgresServer.start(dir.resolve("postgres"));
        storage = EmbeddedObjectStorage.start(dir.resolve("s3"));
        mongo = EmbeddedMongoServer.start(dir.resolve("mongo.mv"));
        Path tokenKey = dir.resolve("token-signing-key.jwk");
        SigningKey.loadOrCreate(tokenKey);
        // replicas sign the transparency log's checkpoints with one key too (a replica with another refuses to start)
        Path logKey = dir.resolve("log-signing-key");
        new SigningKeyFile(new SecureRandom()).loadOrGenerate(logKey, "sehr-cloud.example/log");
        shared.putAll(Map.of(
                "sehr.postgres.url", postgres.jdbcUrl(),
                "sehr.postgres.user", postgres.user(),
                "sehr.postgres.password", postgres.password(),
                "sehr.s3.endpoint", storage.endpoint(),
                "sehr.s3.access-key", storage.accessKey(),
                "sehr.s3.secret-key", storage.secretKey(),
                "sehr.mongodb.uri", mongo.uri(),
                "sehr.token.signing-key-file", tokenKey.toString(),
                "sehr.log.signing-key-file", logKey.toString()));
    }

    /** The folder of the stores and keys, where a test may keep files of its own. */
    public Path dir() {
        return dir;
    }

    public String mongoUri() {
        return mongo.uri();
    }

    /**
     * The shared settings plus the replica's own node id (a mutable copy): in one JVM the replicas would otherwise
     * own the token store's segment claims under the same default id (the JVM's pid@host) and all work every segment.
     */
    public Map<String, String> settings(String nodeId) {
        Map<String, String> settings = new HashMap<>(shared);
        settings.put("sehr.node-id", nodeId);
        return settings;
    }

    /** Starts a replica on these stores, with its own data dir (named after its node id) and these settings. */
    public Started replica(String nodeId, Map<String, String> settings) throws IOException {
        return Started.start(Files.createDirectories(dir.resolve(nodeId)), settings);
    }

    /** Starts a replica with the shared settings and its node id. */
    public Started replica(String nodeId) throws IOException {
        return replica(nodeId, settings(nodeId));
    }

    @Override
    public void close() {
        closeQuietly(mongo);
        closeQuietly(storage);
        closeQuietly(postgres);
    }
}
