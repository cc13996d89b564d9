package eu.sehr.cloud.emergency.trust;

import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import eu.sehr.cloud.infra.ConfigurationException;
import eu.sehr.cloud.infra.Hashes;
import eu.sehr.cloud.infra.http.ApiException;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.NumericDate;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwx.JsonWebStructure;
import org.jose4j.lang.JoseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides whether a healthcare organisation's assertion ({@code POST /hcp/requestaccess}) is to be believed: a compact
 * JWS (RS256 or ES256) whose {@code x5c} chain the {@link HcoCertificateRules} trust, signed with the leaf
 * certificate's key, issued ({@code iss}) in the name its certificate gives the HCO ({@link HcoIdentity#name}),
 * addressed to {@value #AUDIENCE}, short-lived and current. It does not check {@code jti} replays: the caller does,
 * with the returned {@link HcoAssertion#jti()}, for as long as {@link HcoAssertion#acceptableUntil()} says.
 *
 * <p>A malformed assertion is a 400; every refusal of trust, signature, issuer, audience, lifetime or expiry is a 403
 * whose message names the rule and nothing of the certificates.
 */
public final class HcoTrust {

    /** The {@code aud} that every assertion must carry. */
    public static final String AUDIENCE = "sehr-cloud";
    /** The longest {@code exp - iat} accepted, in seconds. */
    public static final long MAX_LIFETIME_SECONDS = 300;
    /** The clock skew tolerated on {@code iat} and {@code exp}, in seconds. */
    public static final long CLOCK_SKEW_SECONDS = 30;

    private static final Logger LOG = LoggerFactory.getLogger(HcoTrust.class);
    private static final int MAX_ASSERTION_CHARS = 64 * 1024;
    private static final int MAX_CLAIM_CHARS = 256;
    /** The most characters of the {@code justification} claim: why the HCP needs the records. */
    public static final int MAX_JUSTIFICATION_CHARS = 500;
    private static final Set<String> ALGORITHM_NAMES = Set.of(
            AlgorithmIdentifiers.RSA_USING_SHA256, AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256);
    private static final AlgorithmConstraints ALGORITHMS = new AlgorithmConstraints(
            AlgorithmConstraints.ConstraintType.PERMIT, ALGORITHM_NAMES.toArray(String[]::new));

    private final HcoCertificateRules certificates;
    private final Clock clock;

    public HcoTrust(HcoCertificateRules certificates, Clock clock) {
        this.certificates = certificates;
        this.clock = clock;
    }

    /** Trusts chains to these anchors whose certificates meet the profile. */
    public HcoTrust(TrustAnchors trustAnchors, HcoCertificateProfile profile, Clock clock) {
        this(new HcoCertificateRules(trustAnchors, profile, clock), clock);
    }

    /** Trusts chains to these anchors whose certificates meet {@link HcoCertificateProfile#defaults()}. */
    public HcoTrust(TrustAnchors trustAnchors, Clock clock) {
        this(trustAnchors, HcoCertificateProfile.defaults(), clock);
    }

    /**
     * Loads the anchors ({@code sehr.hco.trust-anchors}) and the optional CRLs (a file or folder) as
     * {@link TrustAnchors#load} does; the certificates must meet the profile.
     *
     * @throws ConfigurationException when a configured file cannot be read
     */
    public static HcoTrust fromPath(Optional<Path> anchors, Optional<Path> crls, HcoCertificateProfile profile,
                                    Clock clock) {
        return new HcoTrust(TrustAnchors.load(anchors, crls), profile, clock);
    }

    /** As {@link #fromPath(Optional, Optional, HcoCertificateProfile, Clock)} with the default profile. */
    public static HcoTrust fromPath(Optional<Path> anchors, Optional<Path> crls, Clock clock) {
        return fromPath(anchors, crls, HcoCertificateProfile.defaults(), clock);
    }

    /**
     * Verifies the assertion and returns what it asserts.
     *
     * @throws ApiException 400 when the assertion is missing or malformed, 403 when it is not to be trusted
     */
    public HcoAssertion verify(String assertion) {
        JsonWebSignature jws = parse(assertion);
        String algorithm = jws.getAlgorithmHeaderValue();
        if (algorithm == null || !ALGORITHM_NAMES.contains(algorithm)) {
            throw refused("the HCO assertion must be signed with RS256 or ES256");
        }
        X509Certificate leaf = certificates.validate(chain(jws));
        verifySignature(jws, leaf);
        JwtClaims claims = claims(jws);
        Instant expiresAt = checkTimes(claims);
        checkAudience(claims);
        String hcoName = checkIssuer(claims, leaf);
        return new HcoAssertion(HcoIdentity.hcoId(leaf), HcoIdentity.keyFingerprint(leaf), hcoName, text(claims, "sub"),
                text(claims, "jti"), expiresAt, acceptableUntil(expiresAt), Hashes.sha256Hex(der(leaf)),
                justification(claims));
    }

    /** The HCO id of a certificate: 10 lowercase hex characters of the SHA-256 of its SubjectPublicKeyInfo. */
    public static String hcoId(X509Certificate certificate) {
        return HcoIdentity.hcoId(certificate);
    }

    private static JsonWebSignature parse(String assertion) {
        if (assertion == null || assertion.isBlank()) {
            throw ApiException.badRequest("hcoAssertion is missing");
        }
        if (assertion.length() > MAX_ASSERTION_CHARS) {
            throw ApiException.badRequest("hcoAssertion is too long");
        }
        try {
            JsonWebStructure structure = JsonWebStructure.fromCompactSerialization(assertion.strip());
            if (structure instanceof JsonWebSignature jws) {
                jws.setAlgorithmConstraints(ALGORITHMS);
                return jws;
            }
        } catch (JoseException | RuntimeException e) {
            LOG.debug("Unparseable HCO assertion: {}", e.toString());
        }
        throw ApiException.badRequest("hcoAssertion is not a compact JWS");
    }

    private static List<X509Certificate> chain(JsonWebSignature jws) {
        try {
            return jws.getCertificateChainHeaderValue();
        } catch (JoseException | RuntimeException e) {
            LOG.debug("Unreadable x5c header: {}", e.toString());
            throw refused("the HCO assertion's x5c certificate chain cannot be read");
        }
    }

    private static void verifySignature(JsonWebSignature jws, X509Certificate leaf) {
        jws.setKey(leaf.getPublicKey());
        boolean valid;
        try {
            valid = jws.verifySignature();
        } catch (JoseException | RuntimeException e) {
            LOG.debug("HCO assertion signature not verifiable: {}", e.toString());
            valid = false;
        }
        if (!valid) {
            throw refused("the HCO assertion's signature does not match its certificate");
        }
    }

    private static JwtClaims claims(JsonWebSignature jws) {
        try {
            return JwtClaims.parse(jws.getPayload());
        } catch (JoseException | InvalidJwtException | RuntimeException e) {
            throw ApiException.badRequest("the HCO assertion's claims are not a JSON object");
        }
    }

    private Instant checkTimes(JwtClaims claims) {
        long issuedAt = seconds(claims, "iat");
        long expires = seconds(claims, "exp");
        long now = clock.instant().getEpochSecond();
        if (expires <= issuedAt || expires - issuedAt > MAX_LIFETIME_SECONDS) {
            throw refused("the HCO assertion must expire within " + MAX_LIFETIME_SECONDS + " seconds of being issued");
        }
        if (issuedAt > now + CLOCK_SKEW_SECONDS) {
            throw refused("the HCO assertion is issued in the future");
        }
        Instant expiresAt = Instant.ofEpochSecond(expires);
        if (!clock.instant().isBefore(acceptableUntil(expiresAt))) {
            throw refused("the HCO assertion has expired");
        }
        return expiresAt;
    }

    /**
     * The one rule for how long an assertion is accepted: until {@code exp} plus the tolerated clock skew. The replay
     * guard keeps each {@code jti} until then, so an assertion is never accepted after its id was forgotten.
     */
    private static Instant acceptableUntil(Instant expiresAt) {
        return expiresAt.plusSeconds(CLOCK_SKEW_SECONDS);
    }

    private static void checkAudience(JwtClaims claims) {
        List<String> audience;
        try {
            audience = claims.hasAudience() ? claims.getAudience() : List.of();
        } catch (MalformedClaimException e) {
            throw ApiException.badRequest("the HCO assertion's aud claim is malformed");
        }
        if (!audience.contains(AUDIENCE)) {
            throw refused("the HCO assertion is not addressed to " + AUDIENCE);
        }
    }

    /** The HCO's name: {@code iss} must be what its certificate names it (O, or CN without O), nothing else. */
    private static String checkIssuer(JwtClaims claims, X509Certificate leaf) {
        String name = HcoIdentity.name(leaf)
                .orElseThrow(() -> refused("the HCO certificate names no single organisation"));
        if (!name.equals(text(claims, "iss"))) {
            throw refused("the HCO assertion's iss is not the organisation named by its certificate");
        }
        return name;
    }

    private static long seconds(JwtClaims claims, String name) {
        NumericDate date;
        try {
            date = claims.getNumericDateClaimValue(name);
        } catch (MalformedClaimException e) {
            throw ApiException.badRequest("the HCO assertion's " + name + " claim is not a number");
        }
        if (date == null) {
            throw ApiException.badRequest("the HCO assertion lacks the " + name + " claim");
        }
        return date.getValue();
    }

    private static String text(JwtClaims claims, String name) {
        String value;
        try {
            value = claims.getStringClaimValue(name);
        } catch (MalformedClaimException e) {
            throw ApiException.badRequest("the HCO assertion's " + name + " claim is not a string");
        }
        if (value == null || value.isBlank()) {
            throw ApiException.badRequest("the HCO assertion lacks the " + name + " claim");
        }
        if (value.length() > MAX_CLAIM_CHARS || value.chars().anyMatch(Character::isISOControl)) {
            throw ApiException.badRequest("the HCO assertion's " + name + " claim must be at most "
                    + MAX_CLAIM_CHARS + " printable characters");
        }
        return value;
    }

    /**
     * The {@code justification} claim: 1 to {@value #MAX_JUSTIFICATION_CHARS} characters, not only white space. Its
     * text is never logged nor put in an error message: it may describe the patient.
     */
    private static String justification(JwtClaims claims) {
        String value;
        try {
            value = claims.getStringClaimValue("justification");
        } catch (MalformedClaimException e) {
            throw ApiException.badRequest("the HCO assertion's justification claim is not a string");
        }
        if (value == null || value.isBlank()) {
            throw ApiException.badRequest("the HCO assertion lacks the justification claim (why the records are needed)");
        }
        if (value.codePointCount(0, value.length()) > MAX_JUSTIFICATION_CHARS) {
            throw ApiException.badRequest("the HCO assertion's justification claim must be at most "
                    + MAX_JUSTIFICATION_CHARS + " characters");
        }
        return value;
    }

    private static ApiException refused(String rule) {
        LOG.debug("HCO assertion refused: {}", rule);
        return ApiException.forbidden(rule);
    }

    private static byte[] der(X509Certificate certificate) {
        try {
            return certificate.getEncoded();
        } catch (GeneralSecurityException e) {
            throw refused("the HCO certificate cannot be encoded");
        }
    }
}
