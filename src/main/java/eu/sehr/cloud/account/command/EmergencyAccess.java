package eu.sehr.cloud.account.command;

import java.time.Instant;

import eu.sehr.cloud.emergency.api.DisputeDecision;
import eu.sehr.cloud.emergency.api.ReviewVerdict;

/**
 * What the account remembers of one emergency access to decide on it: who had it, until when, whether it ended,
 * the citizen's verdict (null before the review) and the compliance officer's decision (null before it).
 */
record EmergencyAccess(String hcoName, String hcpName, Instant expiresAt, boolean ended, ReviewVerdict verdict,
                       DisputeDecision decision) {

    static EmergencyAccess granted(String hcoName, String hcpName, Instant expiresAt) {
        return new EmergencyAccess(hcoName, hcpName, expiresAt, false, null, null);
    }

    /** Neither ended nor expired at that moment. */
    boolean isOpenAt(Instant at) {
        return !ended && expiresAt.isAfter(at);
    }

    EmergencyAccess ended(boolean ended) {
        return new EmergencyAccess(hcoName, hcpName, expiresAt, ended, verdict, decision);
    }

    EmergencyAccess reviewed(ReviewVerdict verdict) {
        return new EmergencyAccess(hcoName, hcpName, expiresAt, ended, verdict, decision);
    }

    EmergencyAccess decided(DisputeDecision decision) {
        return new EmergencyAccess(hcoName, hcpName, expiresAt, ended, verdict, decision);
    }
}
