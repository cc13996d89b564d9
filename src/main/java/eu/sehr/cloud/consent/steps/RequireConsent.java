package eu.sehr.cloud.consent.steps;

import eu.sehr.cloud.account.query.AccountDirectory;
import eu.sehr.cloud.account.query.AccountRecord;
import eu.sehr.cloud.domain.AccountGone;
import eu.sehr.cloud.domain.ConsentMissing;
import eu.sehr.cloud.security.Principal;
import eu.sehr.cloud.security.TokenKind;

/**
 * Pipeline step: the consent an endpoint needs, read from the shared store on every request (never cached across
 * requests: the account state that authentication read for this request), so a revocation holds on every replica
 * the moment it returns. If the state cannot be read the request fails (503),
 * never passes. The account's own check when the access is recorded closes the remaining gap.
 */
public final class RequireConsent {

    private final AccountDirectory directory;

    public RequireConsent(AccountDirectory directory) {
        this.directory = directory;
    }

    /** Records: the citizen needs the cloud consent; an HCP or emergency token needs its grant to be still active. */
    public void forRecords(Principal caller) {
        if (caller.kind() == TokenKind.CITIZEN) {
            cloudConsent(caller);
        } else {
            hcoGrant(caller);
        }
    }

    /**
     * Storing a record: the cloud stores nothing the citizen has not agreed to store, so the cloud consent is needed
     * whoever uploads; an HCP's token also needs its grant to be still active.
     */
    public void forStoring(Principal caller) {
        if (caller.kind() != TokenKind.CITIZEN) {
            hcoGrant(caller);
        }
        cloudConsent(caller);
    }

    /** The HCO consent grant the token was issued under is still the active one. */
    public void hcoGrant(Principal caller) {
        String active = account(caller).hcoGrant();
        if (active == null || !active.equals(caller.grant())) {
            throw new ConsentMissing("the citizen's HCO consent is not active");
        }
    }

    private void cloudConsent(Principal caller) {
        if (!account(caller).cloudConsent()) {
            throw new ConsentMissing("the cloud consent has not been given");
        }
    }

    /** The account as authentication read it for this request, or read now. */
    private AccountRecord account(Principal caller) {
        if (caller.liveAccount() != null) {
            return caller.liveAccount();
        }
        return directory.findLive(caller.account(), caller.subject())
                .orElseThrow(() -> new AccountGone("the account no longer exists"));
    }
}
