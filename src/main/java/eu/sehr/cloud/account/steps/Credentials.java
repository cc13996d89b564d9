package eu.sehr.cloud.account.steps;

import eu.sehr.cloud.infra.http.ApiException;
import eu.sehr.cloud.infra.http.Names;

/** The body of register and login. */
public record Credentials(String username, String password) {

    public static final int MAX_PASSWORD = 1024;
    public static final String BAD_CREDENTIALS = "invalid username or password";

    /**
     * For a login: 400 when a field is missing; 401 at once for a name or password that no account can have. The
     * naming rules are public, so answering at once tells nothing about which accounts exist, and a flood of
     * impossible names costs no password hashing.
     */
    public Credentials requireLoginShape() {
        if (username == null || password == null) {
            throw ApiException.badRequest("username and password are required");
        }
        if (!Names.isUsername(username) || password.length() > MAX_PASSWORD) {
            throw ApiException.unauthorized(BAD_CREDENTIALS);
        }
        return this;
    }

    @Override
    public String toString() {
        return "Credentials[" + username + "]";
    }
}
