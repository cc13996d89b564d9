package eu.sehr.cloud.emergency.api;

import java.time.Instant;

import eu.sehr.cloud.account.api.CitizenEvent;

/** The events of emergency access: when an HCP's access started, under which grant, and when it ended. */
public final class EmergencyEvents {

    private EmergencyEvents() {
    }

    /**
     * An HCP of a trusted HCO was granted access to the citizen's records until {@code expiresAt}. {@code hcoKey}: the
     * SHA-256 (hex) of the HCO certificate's SubjectPublicKeyInfo, which identifies the HCO ({@code hcoId} is its
     * first 10 characters); null in events stored before it was recorded.
     */
    public record EmergencyAccessGranted(String accountId, String accessId, String grantId, String hcoId, String hcoName,
                                         String hcpName, String certificateSha256, Instant expiresAt, String hcoKey)
            implements CitizenEvent {
    }

    /** A request for emergency access with the citizen's emergency token was refused. */
    public record EmergencyAccessRefused(String accountId, String reason) implements CitizenEvent {
    }

    /** An emergency access ended: {@code EXPIRED} or {@code REVOKED} (the citizen revoked the HCO consent). */
    public record EmergencyAccessEnded(String accountId, String accessId, String hcoName, String hcpName, String reason)
            implements CitizenEvent {
    }
}
