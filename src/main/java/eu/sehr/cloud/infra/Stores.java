package eu.sehr.cloud.infra;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.zaxxer.hikari.HikariDataSource;
import eu.sehr.cloud.infra.embedded.EmbeddedMongoServer;
import eu.sehr.cloud.infra.embedded.EmbeddedObjectStorage;
import eu.sehr.cloud.storage.ObjectStorage;
import io.minio.BucketExistsArgs;
import io.minio.ListObjectsArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.Result;
import io.minio.messages.Item;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The three stores: object storage (S3 API), PostgreSQL (event store and shared state) and MongoDB (audit views).
 * Each is the configured server, or when its endpoint is not configured the embedded default, started here on
 * loopback with its data under {@code sehr.data-dir}.
 */
public final class Stores implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Stores.class);
    private static final int STORAGE_TIMEOUT_SECONDS = 4;

    private final List<AutoCloseable> opened;
    private final HikariDataSource dataSource;
    private final ObjectStorage objectStorage;
    private final String bucket;
    private final MongoClient mongo;

    private Stores(List<AutoCloseable> opened, HikariDataSource dataSource, ObjectStorage objectStorage, String bucket,
            MongoClient mongo) {
        this.opened = opened;
        this.dataSource = dataSource;
        this.objectStorage = objectStorage;
        this.bucket = bucket;
        this.mongo = mongo;
    }

    public static Stores open(Settings settings) {
        List<AutoCloseable> opened = new ArrayList<>();
        try {
            Database database = Database.open(settings);
            opened.add(database);
            ObjectStorageEndpoint storage = objectStorageEndpoint(settings, opened);
            ObjectStorage objectStorage = ObjectStorage.connect(storage.url(), storage.accessKey(), storage.secretKey(),
                    settings.get("sehr.s3.region"));
            MinioClient minio = objectStorage.minio();
            String bucket = settings.get("sehr.s3.bucket");
            try {
                ensureBucket(minio, bucket);
            } catch (Exception e) {
                throw StoreFailure.of("object storage", storage.url(), storage.setting(), e);
            }
            MongoClient mongo = mongo(settings, opened);
            return new Stores(opened, database.dataSource(), objectStorage, bucket, mongo);
        } catch (ConfigurationException e) {
            closeAll(opened);
            throw e;
        } catch (Exception e) {
            closeAll(opened);
            throw new ConfigurationException("cannot open the stores: " + describe(e), e);
        }
    }

    public HikariDataSource dataSource() {
        return dataSource;
    }

    public MinioClient minio() {
        return objectStorage.minio();
    }

    public ObjectStorage objectStorage() {
        return objectStorage;
    }

    public String bucket() {
        return bucket;
    }

    public MongoClient mongo() {
        return mongo;
    }

    @Override
    public void close() {
        closeAll(opened);
    }

    /** Where the object storage is, and which setting said so (for messages). */
    private record ObjectStorageEndpoint(String url, String accessKey, String secretKey, String setting) {
    }

    private static ObjectStorageEndpoint objectStorageEndpoint(Settings settings, List<AutoCloseable> opened) throws Exception {
        var configured = settings.find("sehr.s3.endpoint");
        if (configured.isPresent()) {
            return new ObjectStorageEndpoint(configured.get(), settings.get("sehr.s3.access-key"),
                    settings.get("sehr.s3.secret-key"), "sehr.s3.endpoint");
        }
        EmbeddedObjectStorage storage = EmbeddedObjectStorage.start(settings.dataDir().resolve("objects"));
        opened.add(storage);
        return new ObjectStorageEndpoint(storage.endpoint(), storage.accessKey(), storage.secretKey(),
                "the embedded S3Proxy, sehr.s3.endpoint empty");
    }

    private static void ensureBucket(MinioClient minio, String bucket) throws Exception {
        if (!minio.bucketExists(BucketExistsArgs.builder().bucket(bucket).build())) {
            minio.makeBucket(MakeBucketArgs.builder().bucket(bucket).build());
            LOG.info("Created the object storage bucket {}", bucket);
        }
        // a listing needs an S3 answer (XML): any web server answers the existence check above with 200
        for (Result<Item> item : minio.listObjects(ListObjectsArgs.builder().bucket(bucket).maxKeys(1).build())) {
            item.get();
            break;
        }
    }

    /** Opens MongoDB (the configured server or the embedded one); what to close is added to {@code opened}. */
    static MongoClient mongo(Settings settings, List<AutoCloseable> opened) throws IOException {
        String uri;
        var configured = settings.find("sehr.mongodb.uri");
        if (configured.isPresent()) {
            uri = configured.get();
        } else {
            EmbeddedMongoServer server = EmbeddedMongoServer.start(settings.dataDir().resolve("mongo.mv"));
            opened.add(server);
            uri = server.uri();
        }
        MongoClient client = MongoClients.create(MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(uri))
                .applyToClusterSettings(c -> c.serverSelectionTimeout(STORAGE_TIMEOUT_SECONDS, TimeUnit.SECONDS))
                .applyToSocketSettings(s -> s.connectTimeout(STORAGE_TIMEOUT_SECONDS, TimeUnit.SECONDS))
                .build());
        opened.add(0, client);
        return client;
    }

    private static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }

    /** Closes each in order; a failure is logged and the others are closed all the same. */
    static void closeAll(List<AutoCloseable> resources) {
        for (AutoCloseable resource : resources) {
            try {
                resource.close();
            } catch (Exception e) {
                LOG.warn("Closing {} failed: {}", resource.getClass().getSimpleName(), e.toString());
            }
        }
    }
}
