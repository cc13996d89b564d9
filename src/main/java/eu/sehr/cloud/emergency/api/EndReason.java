package eu.sehr.cloud.emergency.api;

/** Why an emergency access ended, as {@code EmergencyAccessEnded.reason} and the API's {@code endReason} name it. */
public enum EndReason {
    /** Its time ran out. */
    EXPIRED,
    /** The citizen ended it ({@code DELETE /citizen/emergency/{accessId}}). */
    ENDED_BY_CITIZEN,
    /** The citizen revoked the HCO consent. */
    REVOKED
}
