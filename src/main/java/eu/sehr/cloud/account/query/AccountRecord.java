package eu.sehr.cloud.account.query;

/** A citizen account as the directory holds it. */
public record AccountRecord(String accountId, String username, String passwordHash) {
    @Override
    public String toString() {
        return "AccountRecord[" + accountId + ", " + username + "]";
    }
}
