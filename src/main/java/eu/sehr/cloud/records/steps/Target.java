package eu.sehr.cloud.records.steps;

/** A logical bucket that the caller may use, with the account that owns it. */
public record Target(String bucket, String accountId) {
}
