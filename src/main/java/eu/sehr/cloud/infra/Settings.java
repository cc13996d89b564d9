package eu.sehr.cloud.infra;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * The service's configuration: {@code application.properties} on the classpath, each key overridable by an
 * environment variable (upper case, {@code .} and {@code -} become {@code _}) or by a {@code -Dkey=value}
 * system property, in that order of precedence.
 */
public final class Settings {

    private final Properties defaults;
    private final Map<String, String> environment;
    private final Properties system;

    Settings(Properties defaults, Map<String, String> environment, Properties system) {
        this.defaults = defaults;
        this.environment = environment;
        this.system = system;
    }

    public static Settings load() {
        return new Settings(classpathDefaults(), System.getenv(), System.getProperties());
    }

    /** Settings on top of {@link #load()} with the given values taking precedence (tests, sub-commands). */
    public Settings with(Map<String, String> overrides) {
        Properties merged = new Properties();
        merged.putAll(system);
        merged.putAll(overrides);
        return new Settings(defaults, environment, merged);
    }

    public Optional<String> find(String key) {
        String value = system.getProperty(key);
        if (value == null) {
            value = environment.get(environmentName(key));
        }
        if (value == null) {
            value = defaults.getProperty(key);
        }
        return Optional.ofNullable(value).map(String::trim).filter(v -> !v.isEmpty());
    }

    public String get(String key) {
        return find(key).orElseThrow(() -> new ConfigurationException("missing setting " + key));
    }

    public int getInt(String key) {
        String value = get(key);
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new ConfigurationException("setting " + key + " is not a whole number: " + value);
        }
    }

    public long getLong(String key) {
        String value = get(key);
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new ConfigurationException("setting " + key + " is not a whole number: " + value);
        }
    }

    /** A duration written as ISO-8601 ({@code PT60M}) or as a number with a unit: {@code 60m}, {@code 15s}, {@code 500ms}. */
    public Duration getDuration(String key) {
        String value = get(key).toLowerCase();
        try {
            if (value.startsWith("pt") || value.startsWith("p")) {
                return Duration.parse(value.toUpperCase());
            }
            if (value.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(value.substring(0, value.length() - 2)));
            }
            long amount = Long.parseLong(value.substring(0, value.length() - 1));
            switch (value.charAt(value.length() - 1)) {
                case 's': return Duration.ofSeconds(amount);
                case 'm': return Duration.ofMinutes(amount);
                case 'h': return Duration.ofHours(amount);
                case 'd': return Duration.ofDays(amount);
                default: throw new NumberFormatException();
            }
        } catch (RuntimeException e) {
            throw new ConfigurationException("setting " + key + " is not a duration (like 60m, 15s, PT1H): " + value);
        }
    }

    public Path dataDir() {
        return Path.of(get("sehr.data-dir")).toAbsolutePath().normalize();
    }

    /** Every {@code sehr.*} key with its resolved value, to hand to Camel's property placeholders. */
    public Properties resolvedServiceKeys() {
        Properties resolved = new Properties();
        for (String key : defaults.stringPropertyNames()) {
            if (key.startsWith("sehr.")) {
                find(key).ifPresent(value -> resolved.setProperty(key, value));
            }
        }
        for (String key : system.stringPropertyNames()) {
            if (key.startsWith("sehr.")) {
                resolved.setProperty(key, system.getProperty(key));
            }
        }
        return resolved;
    }

    static String environmentName(String key) {
        return key.toUpperCase().replace('.', '_').replace('-', '_');
    }

    private static Properties classpathDefaults() {
        Properties properties = new Properties();
        try (InputStream in = Settings.class.getResourceAsStream("/application.properties")) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }
}
