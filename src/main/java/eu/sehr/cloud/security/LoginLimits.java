package eu.sehr.cloud.security;

import java.time.Duration;

import eu.sehr.cloud.infra.ConfigurationException;
import eu.sehr.cloud.infra.Settings;

/**
 * How many failed logins the throttle allows within the window: for one username from one client address
 * ({@code sehr.login.max-failures}), for one client address across usernames ({@code sehr.login.max-failures-per-client})
 * and for one username from all clients ({@code sehr.login.max-failures-per-username}).
 */
public record LoginLimits(int perPair, int perClient, int perUsername, Duration window) {

    public LoginLimits {
        if (perPair < 1 || perClient < 1 || perUsername < 1) {
            throw new ConfigurationException("the login throttle's limits must be at least 1");
        }
        if (window == null || window.isNegative() || window.isZero()) {
            throw new ConfigurationException("setting sehr.login.window must be a positive duration");
        }
    }

    public static LoginLimits from(Settings settings) {
        return new LoginLimits(settings.getInt("sehr.login.max-failures"), settings.getInt("sehr.login.max-failures-per-client"),
                settings.getInt("sehr.login.max-failures-per-username"), settings.getDuration("sehr.login.window"));
    }

    /** Whether failures counted in the window already reach any limit. */
    boolean reachedBy(long pairFailures, long clientFailures, long usernameFailures) {
        return pairFailures >= perPair || clientFailures >= perClient || usernameFailures >= perUsername;
    }
}
