package eu.sehr.cloud.emergency.trust;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.lang.JoseException;

/**
 * Signs HCO assertions the way a healthcare organisation does for {@code POST /hcp/requestaccess}: a compact JWS,
 * ES256 for an EC key or RS256 for an RSA key, with the certificate chain (leaf first) in {@code x5c}. Used by the
 * {@code dev-pki assertion} command and by the tests.
 */
public final class HcoAssertionSigner {

    /** The lifetime of the assertions made by {@link #sign(String)}: the most the service accepts. */
    public static final Duration LIFETIME = Duration.ofSeconds(HcoTrust.MAX_LIFETIME_SECONDS);

    private final PrivateKey key;
    private final List<X509Certificate> chain;
    private final Clock clock;

    /**
     * @param key   the key that signs; normally the leaf certificate's
     * @param chain the certificates for {@code x5c}, leaf first
     */
    public HcoAssertionSigner(PrivateKey key, List<X509Certificate> chain, Clock clock) {
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("an HCO assertion needs at least the HCO certificate");
        }
        this.key = key;
        this.chain = List.copyOf(chain);
        this.clock = clock;
    }

    /** Signs with the HCO's own key: {@code hco.privateKey()}, with x5c = the HCO certificate then the rest of the chain. */
    public static HcoAssertionSigner of(CertifiedKey hco, List<X509Certificate> issuers, Clock clock) {
        List<X509Certificate> chain = new ArrayList<>();
        chain.add(hco.certificate());
        chain.addAll(issuers);
        return new HcoAssertionSigner(hco.privateKey(), chain, clock);
    }

    /**
     * A fresh assertion for this HCP: iss the HCO's name as its certificate gives it (subject O, or CN without O),
     * aud sehr-cloud, iat now, exp in 5 minutes, a random jti, and why the HCP needs the records (justification).
     */
    public String sign(String hcpName, String justification) {
        return sign(claims(hcpName, justification));
    }

    /** The claims {@link #sign(String, String)} would sign, for a caller that wants to change some of them first. */
    public JwtClaims claims(String hcpName, String justification) {
        Instant now = clock.instant();
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(HcoIdentity.name(chain.get(0)).orElseThrow(() -> new IllegalArgumentException(
                "the HCO certificate names no single organisation (subject O, or CN without O)")));
        claims.setSubject(hcpName);
        claims.setAudience(HcoTrust.AUDIENCE);
        claims.setIssuedAt(NumericDate.fromSeconds(now.getEpochSecond()));
        claims.setExpirationTime(NumericDate.fromSeconds(now.plus(LIFETIME).getEpochSecond()));
        claims.setJwtId(UUID.randomUUID().toString());
        claims.setStringClaim("justification", justification);
        return claims;
    }

    /** Signs these claims as they are. */
    public String sign(JwtClaims claims) {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setAlgorithmHeaderValue("RSA".equals(key.getAlgorithm())
                ? AlgorithmIdentifiers.RSA_USING_SHA256
                : AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256);
        jws.setCertificateChainHeaderValue(chain.toArray(X509Certificate[]::new));
        jws.setHeader("typ", "JWT");
        jws.setKey(key);
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException("cannot sign the HCO assertion", e);
        }
    }
}
