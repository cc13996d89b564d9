package eu.sehr.cloud.consent.api;

import eu.sehr.cloud.account.api.CitizenEvent;

/** The events of the consent feature. */
public final class ConsentEvents {

    private ConsentEvents() {
    }

    /** A signed consent was accepted; {@code grantId} identifies an HCO consent grant (null for cloud). */
    public record ConsentGranted(String accountId, ConsentPurpose purpose, String documentSha256, String grantId)
            implements CitizenEvent {
    }

    /** The HCO consent was revoked: every emergency and HCP token of the grant is dead from now on. */
    public record HcoConsentRevoked(String accountId, String grantId) implements CitizenEvent {
    }
}
