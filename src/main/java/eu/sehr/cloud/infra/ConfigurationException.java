package eu.sehr.cloud.infra;

/** The configuration cannot be used; the message names the setting and is safe to print. */
public class ConfigurationException extends RuntimeException {
    public ConfigurationException(String message) {
        super(message);
    }

    public ConfigurationException(String message, Throwable cause) {
        super(message, cause);
    }
}
