package eu.sehr.cloud.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import eu.sehr.cloud.infra.http.ApiException;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.NumericDate;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.lang.JoseException;

/**
 * Issues and verifies the service's JWTs (ES256, {@code kid} in the header). Claims: {@code iss}, {@code sub}
 * (username), {@code iat}, {@code exp}, {@code jti}, {@code kind}, and per kind the account, grant and HCO
 * claims. No password or personal data beyond the username.
 * <p>
 * A client shows the same token on every request, so the ES256 signature of a token string is verified once and
 * remembered (bounded, in memory); the claims, lifetime included, are checked on every use.
 */
public final class TokenService {

    public static final String ISSUER = "sehr-cloud";
    private static final int CLOCK_SKEW_SECONDS = 30;
    private static final int REMEMBERED_SIGNATURES = 10_000;
    private static final Duration REMEMBER_SIGNATURE_FOR = Duration.ofMinutes(15);

    private final SigningKey key;
    private final Clock clock;
    private final JwtConsumer signatureAndClaims;
    private final JwtConsumer claimsOnly;
    private final Cache<String, Boolean> verifiedSignatures = Caffeine.newBuilder()
            .maximumSize(REMEMBERED_SIGNATURES)
            .expireAfterAccess(REMEMBER_SIGNATURE_FOR)
            .build();

    public TokenService(SigningKey key, Clock clock) {
        this.key = key;
        this.clock = clock;
        this.signatureAndClaims = claimChecks()
                .setVerificationKey(key.jwk().getPublicKey())
                .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT,
                        AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256)
                .build();
        this.claimsOnly = claimChecks().setSkipSignatureVerification().build();
    }

    private static JwtConsumerBuilder claimChecks() {
        return new JwtConsumerBuilder()
                .setRequireExpirationTime()
                .setRequireIssuedAt()
                .setRequireSubject()
                .setRequireJwtId()
                .setExpectedIssuer(ISSUER)
                .setAllowedClockSkewInSeconds(CLOCK_SKEW_SECONDS);
    }

    public String issue(Principal principal, Duration ttl) {
        Instant now = clock.instant();
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(ISSUER);
        claims.setSubject(principal.subject());
        claims.setIssuedAt(NumericDate.fromMilliseconds(now.toEpochMilli()));
        claims.setExpirationTime(NumericDate.fromMilliseconds(now.plus(ttl).toEpochMilli()));
        claims.setJwtId(principal.tokenId() != null ? principal.tokenId() : UUID.randomUUID().toString());
        claims.setStringClaim("kind", principal.kind().claim());
        setIfPresent(claims, "acc", principal.account());
        setIfPresent(claims, "grant", principal.grant());
        setIfPresent(claims, "hco", principal.hcoId());
        setIfPresent(claims, "hco_key", principal.hcoKey());
        setIfPresent(claims, "hco_name", principal.hcoName());
        setIfPresent(claims, "hcp_name", principal.hcpName());
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(key.jwk().getPrivateKey());
        jws.setKeyIdHeaderValue(key.keyId());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256);
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException("cannot sign a token", e);
        }
    }

    /** Verifies signature, issuer, lifetime and kind; any doubt is a 401 whose message names no detail of the token. */
    public Principal verify(String token, TokenKind expected) {
        JwtClaims claims;
        try {
            boolean signatureVerified = verifiedSignatures.getIfPresent(token) != null;
            claims = (signatureVerified ? claimsOnly : signatureAndClaims).processToClaims(token);
            verifiedSignatures.put(token, Boolean.TRUE);
        } catch (InvalidJwtException | RuntimeException e) {
            throw ApiException.unauthorized("invalid or expired token");
        }
        return toPrincipal(claims, expected);
    }

    private static Principal toPrincipal(JwtClaims claims, TokenKind expected) {
        try {
            if (!expected.matches(claims.getStringClaimValue("kind"))) {
                throw ApiException.unauthorized("this kind of token is not accepted here");
            }
            return new Principal(expected, claims.getSubject(), claims.getStringClaimValue("acc"),
                    claims.getStringClaimValue("grant"), claims.getStringClaimValue("hco"),
                    claims.getStringClaimValue("hco_key"), claims.getStringClaimValue("hco_name"), claims.getStringClaimValue("hcp_name"), claims.getJwtId());
        } catch (MalformedClaimException e) {
            throw ApiException.unauthorized("invalid token");
        }
    }

    private static void setIfPresent(JwtClaims claims, String name, String value) {
        if (value != null) {
            claims.setStringClaim(name, value);
        }
    }
}
