package eu.sehr.cloud.support;

import java.nio.file.Path;
import java.util.Map;

import eu.sehr.cloud.infra.embedded.EmbeddedObjectStorage;

/**
 * Object storage as a server of its own beside a test's service, which the test stops and starts again on the same
 * port, with the same files and credentials, to show what the service does while storage is down.
 */
public final class SeparateStorage implements AutoCloseable {

    private final Path directory;
    private final int port;
    private EmbeddedObjectStorage server;

    private SeparateStorage(Path directory, EmbeddedObjectStorage server) {
        this.directory = directory;
        this.server = server;
        this.port = Integer.parseInt(server.endpoint().substring(server.endpoint().lastIndexOf(':') + 1));
    }

    public static SeparateStorage start(Path directory) throws Exception {
        return new SeparateStorage(directory, EmbeddedObjectStorage.start(directory));
    }

    /** The service's settings that point it at this server. */
    public Map<String, String> settings() {
        return Map.of("sehr.s3.endpoint", server.endpoint(),
                "sehr.s3.access-key", server.accessKey(), "sehr.s3.secret-key", server.secretKey());
    }

    public void stop() throws Exception {
        server.close();
    }

    /** Starts it again where it was: same port, files and credentials. */
    public void restart() throws Exception {
        server = EmbeddedObjectStorage.start(directory, port, server.accessKey(), server.secretKey());
    }

    @Override
    public void close() throws Exception {
        server.close();
    }
}
