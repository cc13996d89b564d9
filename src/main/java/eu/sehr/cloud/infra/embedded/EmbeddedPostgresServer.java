package eu.sehr.cloud.infra.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.SQLException;

import eu.sehr.cloud.infra.ConfigurationException;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PostgreSQL binaries run by zonky on loopback, data kept in the data dir: the embedded default event store. Every
 * connection needs the superuser's password (SCRAM-SHA-256), which is generated at the first start and kept beside
 * the PostgreSQL data dir in {@code <dir>.password} (mode 0600); the PostgreSQL data dir has mode 0700.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedPostgresServer.class);

    private final EmbeddedPostgres postgres;
    private final String password;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres, String password) {
        this.postgres = postgres;
        this.password = password;
    }

    public static EmbeddedPostgresServer start(Path directory) throws IOException {
        return start(directory, 0);
    }

    /** On {@code port}, or on a free port when it is 0. */
    public static EmbeddedPostgresServer start(Path directory, int port) throws IOException {
        Files.createDirectories(directory.getParent());
        DataDirGuard.prepare(directory);
        Path passwordFile = passwordFile(directory);
        if (Files.exists(directory.resolve("postgresql.conf")) && !Files.exists(passwordFile)
                && HostBasedAccess.isInPlace(directory)) {
            throw new ConfigurationException("the embedded PostgreSQL in " + directory + " needs its password file "
                    + passwordFile + ", which is missing");
        }
        String password = PasswordFile.loadOrCreate(passwordFile);
        boolean fresh = !Files.exists(directory.resolve("postgresql.conf"));
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(directory)
                .setCleanDataDirectory(false)
                .setRegisterShutdownHook(false)
                .setPort(port)
                .setServerConfig("listen_addresses", "127.0.0.1")
                .setServerConfig("max_connections", "100")
                // options of initdb, which runs on a fresh data dir only; after zonky's "-A trust", so they win
                .setLocaleConfig("auth-local", HostBasedAccess.SCRAM)
                .setLocaleConfig("auth-host", HostBasedAccess.SCRAM)
                .setLocaleConfig("pwfile", passwordFile.toString())
                // after initdb, before the server starts
                .setDataDirectoryCustomizer(dataDirectory -> writeRulesIf(fresh, directory))
                // zonky's readiness probe connects as the superuser
                .setConnectConfig("password", password);
        EmbeddedPostgres postgres = builder.start();
        try {
            if (!HostBasedAccess.isInPlace(directory)) {
                // a data dir from a version that trusted every local user: set the password, then the rules, and restart
                HostBasedAccess.setPassword(postgres.getPostgresDatabase(), password);
                HostBasedAccess.write(directory);
                postgres.close();
                postgres = builder.start();
                LOG.info("Embedded PostgreSQL in {}: every connection now needs the password kept in {}", directory, passwordFile);
            }
            Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwx------"));
        } catch (IOException | SQLException | RuntimeException e) {
            postgres.close();
            throw new IOException("cannot require a password on the embedded PostgreSQL in " + directory, e);
        }
        LOG.info("Event store: EMBEDDED DEFAULT (PostgreSQL, data {}) on 127.0.0.1:{}", directory, postgres.getPort());
        return new EmbeddedPostgresServer(postgres, password);
    }

    private static void writeRulesIf(boolean fresh, Path directory) {
        if (fresh) {
            try {
                HostBasedAccess.write(directory);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Where the superuser's password of the PostgreSQL data dir {@code directory} is kept. */
    public static Path passwordFile(Path directory) {
        return directory.resolveSibling(directory.getFileName() + ".password");
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/postgres";
    }

    public String user() {
        return HostBasedAccess.SUPERUSER;
    }

    public String password() {
        return password;
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }
}
