package eu.sehr.cloud.account.api;

/**
 * What must hold in the account, at the moment its event is appended, for an access to be recorded (and so
 * allowed): the stream's existence (compliance reads), a live account, the cloud consent, a still-active HCO consent
 * grant, or for an HCP who stores a record both the grant (and open access) and the cloud consent.
 */
public record Precondition(Kind kind, String grantId, String accessId) {

    public enum Kind { STREAM_EXISTS, LIVE_ACCOUNT, CLOUD_CONSENT, HCO_GRANT, HCO_STORE }

    /** Only that the stream exists, also after deletion: compliance reads of a deleted account's stream. */
    public static final Precondition STREAM_EXISTS = new Precondition(Kind.STREAM_EXISTS, null, null);
    public static final Precondition LIVE_ACCOUNT = new Precondition(Kind.LIVE_ACCOUNT, null, null);
    public static final Precondition CLOUD_CONSENT = new Precondition(Kind.CLOUD_CONSENT, null, null);

    public static Precondition hcoGrant(String grantId) {
        return new Precondition(Kind.HCO_GRANT, grantId, null);
    }

    /** The grant is active and the HCP's emergency access has neither expired nor been ended. */
    public static Precondition hcoAccess(String grantId, String accessId) {
        return new Precondition(Kind.HCO_GRANT, grantId, accessId);
    }

    /** As {@link #hcoAccess}, and the citizen has given the cloud consent: an HCP stores a record. */
    public static Precondition hcoStore(String grantId, String accessId) {
        return new Precondition(Kind.HCO_STORE, grantId, accessId);
    }
}
