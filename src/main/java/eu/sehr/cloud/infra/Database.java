package eu.sehr.cloud.infra;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import eu.sehr.cloud.infra.embedded.EmbeddedPostgresServer;

/**
 * PostgreSQL (event store, token store, shared state): the configured server, or the embedded default in the
 * data dir. Opening it brings the service's own tables up to date.
 */
public final class Database implements AutoCloseable {

    private static final int TIMEOUT_SECONDS = 4;

    private final HikariDataSource dataSource;
    private final EmbeddedPostgresServer embedded;

    private Database(HikariDataSource dataSource, EmbeddedPostgresServer embedded) {
        this.dataSource = dataSource;
        this.embedded = embedded;
    }

    public static Database open(Settings settings) {
        EmbeddedPostgresServer embedded = null;
        var url = settings.find("sehr.postgres.url");
        try {
            HikariConfig config = new HikariConfig();
            if (url.isPresent()) {
                config.setJdbcUrl(url.get());
                config.setUsername(settings.get("sehr.postgres.user"));
                settings.find("sehr.postgres.password").ifPresent(config::setPassword);
            } else {
                embedded = EmbeddedPostgresServer.start(settings.dataDir().resolve("postgres"));
                config.setJdbcUrl(embedded.jdbcUrl());
                config.setUsername(embedded.user());
                config.setPassword(embedded.password());
            }
            config.setPoolName("sehr-postgres");
            config.setMaximumPoolSize(settings.getInt("sehr.postgres.pool-size"));
            config.setConnectionTimeout(TimeUnit.SECONDS.toMillis(TIMEOUT_SECONDS));
            config.setValidationTimeout(TimeUnit.SECONDS.toMillis(2));
            config.setInitializationFailTimeout(TimeUnit.SECONDS.toMillis(10));
            HikariDataSource dataSource = new HikariDataSource(config);
            new Sql(dataSource::getConnection).execute(schema());
            return new Database(dataSource, embedded);
        } catch (IOException | RuntimeException e) {
            closeQuietly(embedded);
            if (e instanceof ConfigurationException configuration) {
                throw configuration;
            }
            throw StoreFailure.of("the event store (PostgreSQL)", url.orElse(settings.dataDir().resolve("postgres").toString()), url.isPresent() ? "sehr.postgres.url" : "the embedded PostgreSQL, sehr.postgres.url empty", e);
        }
    }

    public HikariDataSource dataSource() {
        return dataSource;
    }

    @Override
    public void close() {
        dataSource.close();
        closeQuietly(embedded);
    }

    private static String schema() {
        try (InputStream in = Database.class.getResourceAsStream("/db/schema.sql")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void closeQuietly(EmbeddedPostgresServer server) {
        if (server != null) {
            try {
                server.close();
            } catch (IOException ignored) {
                // stopping the embedded server is best effort
            }
        }
    }
}
