package eu.sehr.cloud.account.command;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import eu.sehr.cloud.account.api.AccountCommands.DeleteAccountCommand;
import eu.sehr.cloud.account.api.AccountCommands.RecordAccessCommand;
import eu.sehr.cloud.account.api.AccountEvents.CitizenAccountDeleted;
import eu.sehr.cloud.account.api.AccountEvents.CitizenRegistered;
import eu.sehr.cloud.account.api.CitizenEvent;
import eu.sehr.cloud.account.api.Precondition;
import eu.sehr.cloud.audit.api.Actor;
import eu.sehr.cloud.audit.chain.HashChain;
import eu.sehr.cloud.consent.api.ConsentCommands.GrantConsentCommand;
import eu.sehr.cloud.consent.api.ConsentCommands.RevokeHcoConsentCommand;
import eu.sehr.cloud.consent.api.ConsentEvents.ConsentGranted;
import eu.sehr.cloud.consent.api.ConsentEvents.HcoConsentRevoked;
import eu.sehr.cloud.consent.api.ConsentPurpose;
import eu.sehr.cloud.emergency.api.EmergencyEvents.EmergencyAccessEnded;
import eu.sehr.cloud.emergency.api.EmergencyEvents.EmergencyAccessGranted;
import eu.sehr.cloud.emergency.api.EndExpiredAccessesCommand;
import eu.sehr.cloud.infra.http.ApiException;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateIdentifier;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One citizen account: its events form the citizen's ordered, hash-chained stream, and it decides, at the moment
 * of appending, whether an access is allowed (live account, cloud consent, active HCO grant, both for an HCP's
 * upload). Command handlers
 * decide; state changes only in {@link #on(CitizenEvent, MetaData)}.
 */
public class CitizenAccount {

    @AggregateIdentifier
    private String accountId;
    private String username;
    private boolean deleted;
    private boolean cloudConsent;
    private String hcoGrant;
    private Map<String, OpenAccess> openAccesses = new LinkedHashMap<>();
    private long nextSequence;
    private String chainHead;

    /** An emergency access that has not ended yet. */
    record OpenAccess(String hcoName, String hcpName, Instant expiresAt) {
    }

    protected CitizenAccount() {
        // for Axon: rebuilt from events or a snapshot
    }

    CitizenAccount(String accountId, String username, Actor actor, HashChain chain) {
        record(new CitizenRegistered(accountId, username), actor, chain, accountId);
    }

    @CommandHandler
    void handle(RecordAccessCommand command, HashChain chain) {
        require(command.precondition());
        record(command.event(), command.actor(), chain);
    }

    @CommandHandler
    String handle(GrantConsentCommand command, HashChain chain) {
        require(Precondition.LIVE_ACCOUNT);
        boolean active = command.purpose() == ConsentPurpose.CLOUD ? cloudConsent : hcoGrant != null;
        if (!active) {
            String grant = command.purpose() == ConsentPurpose.HCO ? UUID.randomUUID().toString() : null;
            record(new ConsentGranted(accountId, command.purpose(), command.documentSha256(), grant), command.actor(), chain);
        }
        return hcoGrant;
    }

    @CommandHandler
    void handle(RevokeHcoConsentCommand command, HashChain chain) {
        require(Precondition.LIVE_ACCOUNT);
        if (hcoGrant == null) {
            throw ApiException.notFound("no HCO consent is active");
        }
        revokeHcoGrant(command.actor(), chain);
    }

    @CommandHandler
    void handle(EndExpiredAccessesCommand command, HashChain chain) {
        Instant now = Instant.now();
        List.copyOf(openAccesses.entrySet()).stream()
                .filter(open -> open.getValue().expiresAt().isBefore(now))
                .forEach(open -> endAccess(open.getKey(), open.getValue(), "EXPIRED", Actor.system(), chain));
    }

    @CommandHandler
    void handle(DeleteAccountCommand command, HashChain chain) {
        require(Precondition.LIVE_ACCOUNT);
        if (hcoGrant != null) {
            revokeHcoGrant(command.actor(), chain);
        }
        record(new CitizenAccountDeleted(accountId, username), command.actor(), chain);
    }

    private void revokeHcoGrant(Actor actor, HashChain chain) {
        List.copyOf(openAccesses.entrySet()).forEach(open -> endAccess(open.getKey(), open.getValue(), "REVOKED", actor, chain));
        record(new HcoConsentRevoked(accountId, hcoGrant), actor, chain);
    }

    private void endAccess(String accessId, OpenAccess access, String reason, Actor actor, HashChain chain) {
        record(new EmergencyAccessEnded(accountId, accessId, access.hcoName(), access.hcpName(), reason), actor, chain);
    }

    @EventSourcingHandler
    void on(CitizenEvent event, MetaData metaData) {
        nextSequence++;
        chainHead = (String) metaData.get(HashChain.HASH);
        if (event instanceof CitizenRegistered registered) {
            accountId = registered.accountId();
            username = registered.username();
        } else if (event instanceof ConsentGranted granted) {
            if (granted.purpose() == ConsentPurpose.CLOUD) {
                cloudConsent = true;
            } else {
                hcoGrant = granted.grantId();
            }
        } else if (event instanceof HcoConsentRevoked) {
            hcoGrant = null;
        } else if (event instanceof EmergencyAccessGranted granted) {
            openAccesses.put(granted.accessId(), new OpenAccess(granted.hcoName(), granted.hcpName(), granted.expiresAt()));
        } else if (event instanceof EmergencyAccessEnded ended) {
            openAccesses.remove(ended.accessId());
        } else if (event instanceof CitizenAccountDeleted) {
            deleted = true;
            cloudConsent = false;
        }
    }

    private void require(Precondition precondition) {
        if (precondition.kind() == Precondition.Kind.STREAM_EXISTS) {
            return;
        }
        if (deleted) {
            throw ApiException.unauthorized("the account no longer exists");
        }
        switch (precondition.kind()) {
            case CLOUD_CONSENT:
                requireCloudConsent();
                break;
            case HCO_GRANT:
                requireHcoAccess(precondition);
                break;
            case HCO_STORE:
                requireHcoAccess(precondition);
                requireCloudConsent();
                break;
            default:
                break;
        }
    }

    private void requireCloudConsent() {
        if (!cloudConsent) {
            throw ApiException.forbidden("the cloud consent has not been given");
        }
    }

    private void requireHcoAccess(Precondition precondition) {
        if (hcoGrant == null || !Objects.equals(hcoGrant, precondition.grantId())) {
            throw ApiException.forbidden("the citizen's HCO consent is not active");
        }
        if (precondition.accessId() != null) {
            OpenAccess access = openAccesses.get(precondition.accessId());
            if (access == null || !access.expiresAt().isAfter(Instant.now())) {
                throw ApiException.unauthorized("the emergency access has ended");
            }
        }
    }

    private void record(CitizenEvent event, Actor actor, HashChain chain) {
        record(event, actor, chain, accountId);
    }

    private void record(CitizenEvent event, Actor actor, HashChain chain, String account) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        apply(event, chain.link(chainHead, account, nextSequence, event, actor, now));
    }
}
