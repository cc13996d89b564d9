package eu.sehr.cloud.security;

import eu.sehr.cloud.account.query.AccountDirectory;
import eu.sehr.cloud.audit.compliance.AuditorDirectory;
import eu.sehr.cloud.infra.http.ApiException;

/**
 * The bearer token of the kind an endpoint expects, verified and still backed by a live account (or a provisioned
 * auditor); the routes reach it through their audience's {@link AudiencePolicy}. Tokens are accepted only in the
 * {@code Authorization} header, never in the query string.
 */
public final class Authenticate {

    private static final String BEARER = "Bearer ";

    private final TokenService tokens;
    private final AccountDirectory directory;
    private final AuditorDirectory auditors;

    public Authenticate(TokenService tokens, AccountDirectory directory, AuditorDirectory auditors) {
        this.tokens = tokens;
        this.directory = directory;
        this.auditors = auditors;
    }

    public Principal citizen(String authorization, String query) {
        return ofLiveAccount(tokens.verify(bearer(authorization, query), TokenKind.CITIZEN));
    }

    /** The citizen's emergency token, shown by an HCP to request access. */
    public Principal emergency(String authorization, String query) {
        return ofLiveAccount(tokens.verify(bearer(authorization, query), TokenKind.EMERGENCY));
    }

    /** The HCP token (kind {@code hcp}, or {@code hco} if issued before the rename), for one citizen, HCO and HCP. */
    public Principal hcp(String authorization, String query) {
        return ofLiveAccount(tokens.verify(bearer(authorization, query), TokenKind.HCP));
    }

    private Principal ofLiveAccount(Principal principal) {
        if (principal.account() == null) {
            throw ApiException.unauthorized("the account no longer exists");
        }
        return principal.withLiveAccount(directory.findLive(principal.account(), principal.subject())
                .orElseThrow(() -> ApiException.unauthorized("the account no longer exists")));
    }

    /** A compliance officer's token, still backed by a provisioned auditor. */
    public Principal auditor(String authorization, String query) {
        Principal principal = tokens.verify(bearer(authorization, query), TokenKind.AUDITOR);
        if (auditors.passwordHash(principal.subject()).isEmpty()) {
            throw ApiException.unauthorized("the auditor no longer exists");
        }
        return principal;
    }

    static String bearer(String authorization, String query) {
        if (query != null && query.toLowerCase().matches("(^|.*&)(access_)?token=.*")) {
            throw ApiException.unauthorized("tokens are not accepted in the URL; use the Authorization header");
        }
        if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            throw ApiException.unauthorized("a bearer token is required");
        }
        String token = authorization.substring(BEARER.length()).trim();
        if (token.isEmpty()) {
            throw ApiException.unauthorized("a bearer token is required");
        }
        return token;
    }
}
