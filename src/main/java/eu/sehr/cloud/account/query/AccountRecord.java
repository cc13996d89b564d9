package eu.sehr.cloud.account.query;

/** A citizen account as the directory holds it, with the consent state that requests decide on. */
public record AccountRecord(String accountId, String username, String passwordHash, boolean cloudConsent,
                            String hcoGrant) {
    @Override
    public String toString() {
        return "AccountRecord[" + accountId + ", " + username + "]";
    }
}
