package eu.sehr.cloud.emergency.trust;

import java.time.Instant;

/**
 * What a verified HCO assertion tells the service: which healthcare organisation (identified by its key) vouches
 * for which healthcare professional, until when, and the assertion's unique id for the replay check.
 *
 * @param hcoId             the first 10 lowercase hex characters of the SHA-256 of the leaf certificate's
 *                          SubjectPublicKeyInfo: stable while the HCO keeps its key, even across certificate renewals
 * @param hcoKey            that whole SHA-256 (64 lowercase hex characters): what identifies the HCO, since a
 *                          determined HCO could find a key with another HCO's {@code hcoId}
 * @param hcoName           the HCO's name from its certificate ({@link HcoIdentity#name}), which {@code iss} equals
 * @param hcpName           the {@code sub} claim
 * @param jti               the {@code jti} claim; the caller refuses a replay
 * @param expiresAt         the {@code exp} claim
 * @param acceptableUntil   the moment from which this server refuses the assertion as expired: {@code exp} plus the
 *                          tolerated clock skew; its {@code jti} must be remembered until then
 * @param certificateSha256 the lowercase hex SHA-256 of the leaf certificate's DER encoding
 * @param justification     the {@code justification} claim: why the HCP needs the records (shown to the citizen and
 *                          to compliance officers; never logged)
 */
public record HcoAssertion(String hcoId, String hcoKey, String hcoName, String hcpName, String jti, Instant expiresAt,
                           Instant acceptableUntil, String certificateSha256, String justification) {
    @Override
    public String toString() {
        return "HcoAssertion[" + hcoId + ", " + hcoName + ", " + hcpName + ", " + jti + "]";
    }
}
