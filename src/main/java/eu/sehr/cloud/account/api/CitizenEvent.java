package eu.sehr.cloud.account.api;

/** An event of one citizen account's stream; every one carries the account id it belongs to. */
public interface CitizenEvent {
    String accountId();
}
