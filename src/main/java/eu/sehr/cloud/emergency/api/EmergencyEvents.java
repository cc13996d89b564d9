package eu.sehr.cloud.emergency.api;

import java.time.Instant;

import eu.sehr.cloud.account.api.CitizenEvent;

/**
 * The events of emergency access: when an HCP's access started, under which grant and why, when it ended, how the
 * citizen reviewed it and what a compliance officer decided about a dispute, and which records the citizen keeps out
 * of emergencies.
 */
public final class EmergencyEvents {

    private EmergencyEvents() {
    }

    /**
     * An HCP of a trusted HCO was granted access to the citizen's records until {@code expiresAt}. {@code hcoKey}: the
     * SHA-256 (hex) of the HCO certificate's SubjectPublicKeyInfo, which identifies the HCO ({@code hcoId} is its
     * first 10 characters); null in events stored before it was recorded. {@code justification}: why the HCP needs
     * the records, as the HCO asserted it (null in events stored before it was required).
     */
    public record EmergencyAccessGranted(String accountId, String accessId, String grantId, String hcoId, String hcoName,
                                         String hcpName, String certificateSha256, Instant expiresAt, String hcoKey,
                                         String justification)
            implements CitizenEvent {
    }

    /** A request for emergency access with the citizen's emergency token was refused. */
    public record EmergencyAccessRefused(String accountId, String reason) implements CitizenEvent {
    }

    /** An emergency access ended: {@link EndReason#EXPIRED}, {@link EndReason#ENDED_BY_CITIZEN} or {@link EndReason#REVOKED}. */
    public record EmergencyAccessEnded(String accountId, String accessId, String hcoName, String hcpName, String reason)
            implements CitizenEvent {
    }

    /** The citizen reviewed an emergency access: recognised it, or disputed it (it then awaits a compliance officer). */
    public record EmergencyAccessReviewed(String accountId, String accessId, String hcoName, String hcpName,
                                          ReviewVerdict verdict, String comment) implements CitizenEvent {
    }

    /** A compliance officer decided a disputed emergency access. */
    public record DisputeDecided(String accountId, String accessId, String hcoName, String hcpName,
                                 DisputeDecision decision, String comment, String auditor) implements CitizenEvent {
    }

    /** The citizen read the list of their emergency accesses. */
    public record EmergencyAccessesListed(String accountId) implements CitizenEvent {
    }

    /** The citizen hid a record from emergency access: HCPs neither list nor read it. */
    public record HealthRecordHiddenFromEmergency(String accountId, String bucket, String object) implements CitizenEvent {
    }

    /** The citizen made a hidden record reachable in an emergency again. */
    public record HealthRecordShownInEmergency(String accountId, String bucket, String object) implements CitizenEvent {
    }
}
