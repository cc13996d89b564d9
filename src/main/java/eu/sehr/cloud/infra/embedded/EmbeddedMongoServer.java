package eu.sehr.cloud.infra.embedded;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** mongo-java-server with its H2 file backend on loopback: the embedded default for the audit views. */
public final class EmbeddedMongoServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedMongoServer.class);

    private final MongoServer server;
    private final InetSocketAddress address;

    private EmbeddedMongoServer(MongoServer server, InetSocketAddress address) {
        this.server = server;
        this.address = address;
    }

    public static EmbeddedMongoServer start(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        MongoServer server = new MongoServer(new H2Backend(file.toString()));
        server.bind("127.0.0.1", 0);
        InetSocketAddress address = server.getLocalAddress();
        LOG.info("Audit views: EMBEDDED DEFAULT (mongo-java-server, H2 file {}) on {}", file, address);
        return new EmbeddedMongoServer(server, address);
    }

    public String uri() {
        return "mongodb://127.0.0.1:" + address.getPort();
    }

    @Override
    public void close() {
        server.shutdownNow();
    }
}
