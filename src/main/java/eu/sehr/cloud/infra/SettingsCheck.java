package eu.sehr.cloud.infra;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.mongodb.ConnectionString;
import eu.sehr.cloud.infra.http.Tls;

/**
 * Every setting checked before any store starts, so that a wrong value fails the start at once with its key (not
 * after the embedded stores took seconds to come up). The files that settings name (TLS, HCO trust anchors) are read
 * here or at the start of {@link Service#start}, also before the stores.
 */
public final class SettingsCheck {

    private static final List<String> POSITIVE_NUMBERS = List.of("sehr.postgres.pool-size", "sehr.http.worker-threads",
            "sehr.http.max-requests-per-client", "sehr.login.max-failures", "sehr.login.max-failures-per-client",
            "sehr.login.max-failures-per-username");
    private static final List<String> DURATIONS = List.of("sehr.audit.read-your-writes-wait", "sehr.hco.sweep-interval",
            "sehr.hco.token-ttl", "sehr.login.window", "sehr.token.auditor-ttl", "sehr.token.citizen-ttl",
            "sehr.token.emergency-ttl");
    private static final Set<String> LOG_FORMATS = Set.of("TEXT", "JSON");
    private static final Set<String> LOG_LEVELS = Set.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR", "OFF");

    private SettingsCheck() {
    }

    /** @throws ConfigurationException naming the first setting that is wrong, and why */
    public static void check(Settings settings, Map<String, String> environment) {
        int port = settings.getInt("sehr.port");
        if (port < 0 || port > 65535) {
            throw new ConfigurationException("setting sehr.port is not a port (0 to 65535): " + port);
        }
        for (String key : POSITIVE_NUMBERS) {
            if (settings.getInt(key) < 1) {
                throw new ConfigurationException("setting " + key + " must be at least 1");
            }
        }
        if (settings.getLong("sehr.upload.max-bytes") < 1) {
            throw new ConfigurationException("setting sehr.upload.max-bytes must be at least 1");
        }
        DURATIONS.forEach(settings::getDuration);
        settings.find("sehr.s3.endpoint").ifPresent(endpoint -> checkObjectStorage(settings, endpoint));
        settings.find("sehr.postgres.url").ifPresent(url -> checkPostgres(settings, url));
        settings.find("sehr.mongodb.uri").ifPresent(SettingsCheck::checkMongo);
        Tls.fromSettings(settings);
        checkLogging(environment);
        requireFreePort(settings.get("sehr.host"), port);
    }

    /** A taken port fails the start with a clear reason before any store is opened. */
    private static void requireFreePort(String host, int port) {
        if (port == 0) {
            return;
        }
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new InetSocketAddress(host, port));
        } catch (IOException e) {
            throw new ConfigurationException("port " + port + " on " + host + " is already in use (set sehr.port)");
        }
    }

    private static void checkObjectStorage(Settings settings, String endpoint) {
        try {
            URI uri = new URI(endpoint);
            if (!Set.of("http", "https").contains(String.valueOf(uri.getScheme()).toLowerCase(Locale.ROOT))
                    || uri.getHost() == null) {
                throw new ConfigurationException("setting sehr.s3.endpoint is not an http(s) URL with a host: " + endpoint);
            }
        } catch (URISyntaxException e) {
            throw new ConfigurationException("setting sehr.s3.endpoint is not a URL: " + endpoint);
        }
        settings.get("sehr.s3.access-key");
        settings.get("sehr.s3.secret-key");
    }

    private static void checkPostgres(Settings settings, String url) {
        if (!url.startsWith("jdbc:postgresql://")) {
            throw new ConfigurationException("setting sehr.postgres.url is not a PostgreSQL JDBC URL "
                    + "(jdbc:postgresql://host:5432/database): " + Redacted.url(url));
        }
        settings.get("sehr.postgres.user");
    }

    private static void checkMongo(String uri) {
        try {
            new ConnectionString(uri);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("setting sehr.mongodb.uri is not a MongoDB connection string "
                    + "(mongodb://host:27017): " + Redacted.url(uri));
        }
    }

    private static void checkLogging(Map<String, String> environment) {
        String format = environment.getOrDefault("SEHR_LOG_FORMAT", "TEXT");
        if (!LOG_FORMATS.contains(format)) {
            throw new ConfigurationException("SEHR_LOG_FORMAT must be TEXT or JSON (logs would be lost): " + format);
        }
        String level = environment.getOrDefault("SEHR_LOG_LEVEL", "INFO");
        if (!LOG_LEVELS.contains(level.toUpperCase(Locale.ROOT))) {
            throw new ConfigurationException("SEHR_LOG_LEVEL must be one of TRACE, DEBUG, INFO, WARN, ERROR, OFF: " + level);
        }
    }
}
