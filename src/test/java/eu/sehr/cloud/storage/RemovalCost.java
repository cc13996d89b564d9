package eu.sehr.cloud.storage;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import eu.sehr.cloud.infra.embedded.EmbeddedObjectStorage;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.RemoveObjectArgs;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;

/**
 * What the camel-minio removal step of {@code DELETE /citizen/account} costs against the MinIO client called
 * directly: the objects of an account with 20 records are removed both ways, alternately, against the embedded S3
 * server, on the same client. Not a test: a main, run by hand (README "How it is built"):
 * <pre>
 * mvn -q test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test
 * java -cp "target/test-classes:target/classes:$(cat target/cp.txt)" eu.sehr.cloud.storage.RemovalCost
 * </pre>
 */
public final class RemovalCost {

    private static final String BUCKET = "sehr";
    private static final int OBJECTS = 20;
    private static final int WARM_UP = 20;
    private static final int ROUNDS = 30;

    private RemovalCost() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("removal-cost");
        try (EmbeddedObjectStorage storage = EmbeddedObjectStorage.start(dir);
             CamelContext camel = new DefaultCamelContext()) {
            ObjectStorage objects = ObjectStorage.connect(storage.endpoint(), storage.accessKey(), storage.secretKey(), "us-east-1");
            MinioClient minio = objects.minio();
            minio.makeBucket(MakeBucketArgs.builder().bucket(BUCKET).build());
            camel.getRegistry().bind("storageClient", minio);
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    // the steps of the route account-objects-remove (routes/api/account.camel.yaml)
                    from("direct:account-objects-remove").errorHandler(noErrorHandler())
                            .split(body()).stopOnException()
                            .setHeader("CamelMinioObjectName", body())
                            .to("minio:" + BUCKET + "?minioClient=#storageClient&operation=deleteObject&autoCreateBucket=false");
                }
            });
            camel.start();
            ProducerTemplate template = camel.createProducerTemplate();
            long[] direct = new long[ROUNDS];
            long[] routed = new long[ROUNDS];
            for (int round = -WARM_UP; round < ROUNDS; round++) {
                List<String> keys = put(minio, "direct-" + round);
                long start = System.nanoTime();
                for (String key : keys) {
                    minio.removeObject(RemoveObjectArgs.builder().bucket(BUCKET).object(key).build());
                }
                long directNanos = System.nanoTime() - start;
                keys = put(minio, "routed-" + round);
                start = System.nanoTime();
                template.sendBody("direct:account-objects-remove", keys);
                long routedNanos = System.nanoTime() - start;
                if (round >= 0) {
                    direct[round] = directNanos;
                    routed[round] = routedNanos;
                }
            }
            System.out.printf("removing %d objects, %d rounds after %d warm-up rounds (median / min, ms)%n", OBJECTS, ROUNDS, WARM_UP);
            System.out.printf("MinIO client directly:    %.2f / %.2f%n", median(direct), min(direct));
            System.out.printf("camel-minio split route:  %.2f / %.2f%n", median(routed), min(routed));
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    private static List<String> put(MinioClient minio, String account) throws Exception {
        List<String> keys = new ArrayList<>();
        byte[] bytes = new byte[1024];
        for (int i = 0; i < OBJECTS; i++) {
            String key = account + "/record-" + i;
            minio.putObject(PutObjectArgs.builder().bucket(BUCKET).object(key)
                    .stream(new ByteArrayInputStream(bytes), bytes.length, -1).build());
            keys.add(key);
        }
        return keys;
    }

    private static double median(long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2] / 1e6;
    }

    private static double min(long[] nanos) {
        return Arrays.stream(nanos).min().orElseThrow() / 1e6;
    }
}
