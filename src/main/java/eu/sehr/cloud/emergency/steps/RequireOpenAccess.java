package eu.sehr.cloud.emergency.steps;

import java.time.Clock;

import eu.sehr.cloud.domain.AccessEnded;
import eu.sehr.cloud.emergency.query.OpenAccesses;
import eu.sehr.cloud.security.Principal;

/**
 * Pipeline step of every HCP endpoint: the emergency access the HCP's token was issued for is still open, read from
 * the shared store on every request (never from a replica's memory), so an access the citizen ended, or that
 * expired, is refused (401) on every replica before any work is done. The account's own check when the access is
 * recorded closes the remaining gap.
 */
public final class RequireOpenAccess {

    private final OpenAccesses openAccesses;
    private final Clock clock;

    public RequireOpenAccess(OpenAccesses openAccesses, Clock clock) {
        this.openAccesses = openAccesses;
        this.clock = clock;
    }

    public void check(Principal hcp) {
        if (!openAccesses.isOpen(hcp.tokenId(), clock.instant())) {
            throw new AccessEnded("the emergency access has ended");
        }
    }
}
