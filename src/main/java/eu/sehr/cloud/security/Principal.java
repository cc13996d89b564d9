package eu.sehr.cloud.security;

import eu.sehr.cloud.account.query.AccountRecord;
import eu.sehr.cloud.audit.api.Actor;

/**
 * Who is calling, as proven by a verified token. {@code account} is the citizen's account id (null for
 * auditors); {@code grant} the consent grant an emergency or HCP token was issued under; {@code hcoId},
 * {@code hcoName} and {@code hcpName} name the healthcare organisation and professional of an HCP token, and
 * {@code hcoKey} (the SHA-256 of the HCO certificate's SubjectPublicKeyInfo, in hex) identifies that organisation.
 */
public record Principal(TokenKind kind, String subject, String account, String grant,
                        String hcoId, String hcoKey, String hcoName, String hcpName, String tokenId,
                        AccountRecord liveAccount) {

    public Principal(TokenKind kind, String subject, String account, String grant, String hcoId, String hcoKey,
                     String hcoName, String hcpName, String tokenId) {
        this(kind, subject, account, grant, hcoId, hcoKey, hcoName, hcpName, tokenId, null);
    }

    /** This principal with the state of its account as read for this request (consent checks use it). */
    public Principal withLiveAccount(AccountRecord state) {
        return new Principal(kind, subject, account, grant, hcoId, hcoKey, hcoName, hcpName, tokenId, state);
    }

    public static Principal citizen(String username, String account, String tokenId) {
        return new Principal(TokenKind.CITIZEN, username, account, null, null, null, null, null, tokenId);
    }

    /** Who this is, as the events name them: the citizen, the HCP of an HCO, or the auditor. */
    public Actor actor() {
        switch (kind) {
            case HCP:
                return Actor.hcp(hcpName, hcoName);
            case AUDITOR:
                return Actor.auditor(subject);
            case EMERGENCY:
                return Actor.anonymous();
            default:
                return Actor.citizen(subject);
        }
    }

    public static Principal auditor(String username, String tokenId) {
        return new Principal(TokenKind.AUDITOR, username, null, null, null, null, null, null, tokenId);
    }
}
