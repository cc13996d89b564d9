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
 * A client shows the same token on every request, so a token string is verified once (signature and claims) and
 * its claims remembered by the exact string (bounded, in memory) until it expires: each later use checks its
 * lifetime and its kind again, nothing else can change in a signed token.
 */
public final class TokenService {

    public static final String ISSUER = "sehr-cloud";
    private static final int CLOCK_SKEW_SECONDS = 30;
    private static final int REMEMBERED_TOKENS = 10_000;
    private static final Duration REMEMBER_TOKEN_FOR = Duration.ofMinutes(15);

    private final SigningKey key;
    private final Clock clock;
    private final JwtConsumer signatureAndClaims;
    private final Cache<String, Verified> verified = Caffeine.newBuilder()
            .maximumSize(REMEMBERED_TOKENS)
            .expireAfterAccess(REMEMBER_TOKEN_FOR)
            .build();

    /** A verified token's claims, usable until {@code usableUntilMillis} (its expiry plus the allowed skew). */
    private record Verified(JwtClaims claims, long usableUntilMillis) {
    }

    public TokenService(SigningKey key, Clock clock) {
        this.key = key;
        this.clock = clock;
        this.signatureAndClaims = claimChecks()
                .setVerificationKey(key.jwk().getPublicKey())
                .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT,
                        AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256)
                .build();
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
        Verified known = verified.getIfPresent(token);
        if (known == null || System.currentTimeMillis() >= known.usableUntilMillis()) {
            known = verifyNow(token);
        }
        return toPrincipal(known.claims(), expected);
    }

    private Verified verifyNow(String token) {
        try {
            JwtClaims claims = signatureAndClaims.processToClaims(token);
            Verified checked = new Verified(claims,
                    (claims.getExpirationTime().getValue() + CLOCK_SKEW_SECONDS) * 1000L);
            if (claims.getNotBefore() == null) {
                verified.put(token, checked);
            }
            return checked;
        } catch (InvalidJwtException | MalformedClaimException | RuntimeException e) {
            verified.invalidate(token);
            throw ApiException.unauthorized("invalid or expired token");
        }
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
