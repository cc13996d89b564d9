package eu.sehr.cloud.account.steps;

/** The body of register and login. */
public record Credentials(String username, String password) {
    @Override
    public String toString() {
        return "Credentials[" + username + "]";
    }
}
