package eu.sehr.cloud.account.steps;

import eu.sehr.cloud.infra.http.ApiException;
import eu.sehr.cloud.infra.http.Names;
import eu.sehr.cloud.security.PasswordHasher;

/** The body of register and login. */
public record Credentials(String username, String password) {

    public static final int MAX_PASSWORD = 1024;
    public static final String BAD_CREDENTIALS = "invalid username or password";

    /**
     * For a login: 400 when a field is missing; 401 for a name or password no account can have, after the time a
     * password check takes (so the answer tells nothing about which accounts exist).
     */
    public Credentials requireLoginShape(PasswordHasher hasher) {
        if (username == null || password == null) {
            throw ApiException.badRequest("username and password are required");
        }
        if (!Names.isUsername(username) || password.length() > MAX_PASSWORD) {
            hasher.spendCheckTime(password.substring(0, Math.min(password.length(), MAX_PASSWORD)));
            throw ApiException.unauthorized(BAD_CREDENTIALS);
        }
        return this;
    }

    @Override
    public String toString() {
        return "Credentials[" + username + "]";
    }
}
