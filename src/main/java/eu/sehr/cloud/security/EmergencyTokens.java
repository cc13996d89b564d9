package eu.sehr.cloud.security;

import java.time.Duration;

/**
 * The citizen's emergency token (kind {@code emergency}): bound to the citizen and to the HCO consent grant it
 * was issued under, so revoking the grant kills it whatever its expiry. The citizen shows it to an HCP.
 */
public final class EmergencyTokens {

    private final TokenService tokens;
    private final Duration ttl;

    public EmergencyTokens(TokenService tokens, Duration ttl) {
        this.tokens = tokens;
        this.ttl = ttl;
    }

    public String issue(String username, String accountId, String grantId) {
        return tokens.issue(new Principal(TokenKind.EMERGENCY, username, accountId, grantId, null, null, null, null, null), ttl);
    }
}
