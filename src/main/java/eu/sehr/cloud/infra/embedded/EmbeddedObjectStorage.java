package eu.sehr.cloud.infra.embedded;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;

import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** S3Proxy in-process on loopback with a filesystem backend: the embedded default for object storage. */
public final class EmbeddedObjectStorage implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedObjectStorage.class);

    private final S3Proxy proxy;
    private final String accessKey;
    private final String secretKey;

    private EmbeddedObjectStorage(S3Proxy proxy, String accessKey, String secretKey) {
        this.proxy = proxy;
        this.accessKey = accessKey;
        this.secretKey = secretKey;
    }

    public static EmbeddedObjectStorage start(Path directory) throws Exception {
        return start(directory, 0, "sehr-" + randomHex(8), randomHex(24));
    }

    /** On a given port (0: any free one) with given credentials, e.g. to restart it where it was. */
    public static EmbeddedObjectStorage start(Path directory, int port, String accessKey, String secretKey) throws Exception {
        Files.createDirectories(directory);
        S3Proxy proxy = S3Proxy.builder()
                .blobStore(new FilesystemNio2BlobStore(directory.toString()))
                .endpoint(URI.create("http://127.0.0.1:" + port))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, accessKey, secretKey)
                .build();
        proxy.start();
        EmbeddedObjectStorage storage = new EmbeddedObjectStorage(proxy, accessKey, secretKey);
        LOG.info("Object storage: EMBEDDED DEFAULT (S3Proxy, filesystem {}) on {}", directory, storage.endpoint());
        return storage;
    }

    public String endpoint() {
        return "http://127.0.0.1:" + proxy.getPort();
    }

    public String accessKey() {
        return accessKey;
    }

    public String secretKey() {
        return secretKey;
    }

    @Override
    public void close() throws Exception {
        proxy.stop();
    }

    private static String randomHex(int bytes) {
        byte[] random = new byte[bytes];
        new SecureRandom().nextBytes(random);
        return HexFormat.of().formatHex(random);
    }
}
