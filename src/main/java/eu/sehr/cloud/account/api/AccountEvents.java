package eu.sehr.cloud.account.api;

import java.time.Instant;

/** The events of the account feature: ids and names only, never passwords or tokens. */
public final class AccountEvents {

    private AccountEvents() {
    }

    public record CitizenRegistered(String accountId, String username) implements CitizenEvent {
    }

    /** The citizen read their own audit trail. */
    public record AuditTrailRead(String accountId) implements CitizenEvent {
    }

    public record CitizenLoggedIn(String accountId, String username) implements CitizenEvent {
    }

    public record CitizenLoginFailed(String accountId, String username, String reason) implements CitizenEvent {
    }

    public record CitizenAccountDeleted(String accountId, String username) implements CitizenEvent {
    }

    /** A request by or about this citizen that was refused, with the endpoint and the reason (never the token). */
    public record RequestRefused(String accountId, String endpoint, int status, String reason) implements CitizenEvent {
    }

    /**
     * Refused requests that name no existing account (no or an unreadable token), summarised: stored for the first
     * such refusal from {@code client} in a minute (from {@code minute} on; null in events stored before summaries);
     * the others of that minute are only counted ({@code sehr_anonymous_refusals_total}).
     */
    public record AnonymousRequestRefused(String endpoint, int status, String reason, String client, Instant minute) {
    }
}
