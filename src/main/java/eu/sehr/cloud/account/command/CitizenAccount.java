package eu.sehr.cloud.account.command;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
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
import eu.sehr.cloud.emergency.api.EmergencyCommands.DecideDisputeCommand;
import eu.sehr.cloud.emergency.api.EmergencyCommands.EndEmergencyAccessCommand;
import eu.sehr.cloud.emergency.api.EmergencyCommands.HideRecordFromEmergencyCommand;
import eu.sehr.cloud.emergency.api.EmergencyCommands.ReviewEmergencyAccessCommand;
import eu.sehr.cloud.emergency.api.EmergencyCommands.ShowRecordInEmergencyCommand;
import eu.sehr.cloud.emergency.api.EmergencyEvents.DisputeDecided;
import eu.sehr.cloud.emergency.api.EmergencyEvents.EmergencyAccessEnded;
import eu.sehr.cloud.emergency.api.EmergencyEvents.EmergencyAccessGranted;
import eu.sehr.cloud.emergency.api.EmergencyEvents.EmergencyAccessReviewed;
import eu.sehr.cloud.emergency.api.EmergencyEvents.HealthRecordHiddenFromEmergency;
import eu.sehr.cloud.emergency.api.EmergencyEvents.HealthRecordShownInEmergency;
import eu.sehr.cloud.emergency.api.EndExpiredAccessesCommand;
import eu.sehr.cloud.emergency.api.EndReason;
import eu.sehr.cloud.emergency.api.ReviewVerdict;
import eu.sehr.cloud.infra.http.ApiException;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.serialization.Revision;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One citizen account: its events form the citizen's ordered, hash-chained stream, and it decides, at the moment
 * of appending, whether an access is allowed (live account, cloud consent, active HCO grant, both for an HCP's
 * upload), and what a citizen or compliance officer may do with its emergency accesses (end, review, decide a
 * dispute) and records (hide from emergencies). Command handlers decide; state changes only in
 * {@link #on(CitizenEvent, MetaData)}.
 * <p>
 * {@link #SNAPSHOT_REVISION} names the shape of the fields that snapshots hold: a snapshot of another revision is
 * ignored and the account rebuilt from its events.
 */
@Revision(CitizenAccount.SNAPSHOT_REVISION)
public class CitizenAccount {

    public static final String SNAPSHOT_REVISION = "2";

    @AggregateIdentifier
    private String accountId;
    private String username;
    private boolean deleted;
    private boolean cloudConsent;
    private String hcoGrant;
    private Map<String, EmergencyAccess> emergencyAccesses = new LinkedHashMap<>();
    private Set<String> hiddenRecords = new HashSet<>();
    private long nextSequence;
    private String chainHead;

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
        openAccesses().stream()
                .filter(open -> open.getValue().expiresAt().isBefore(now))
                .forEach(open -> endAccess(open.getKey(), open.getValue(), EndReason.EXPIRED, Actor.system(), chain, now));
    }

    @CommandHandler
    void handle(EndEmergencyAccessCommand command, HashChain chain) {
        require(Precondition.LIVE_ACCOUNT);
        EmergencyAccess access = knownAccess(command.accessId());
        if (!access.isOpenAt(command.at())) {
            throw ApiException.conflict("this emergency access has already ended");
        }
        endAccess(command.accessId(), access, EndReason.ENDED_BY_CITIZEN, command.actor(), chain, command.at());
    }

    @CommandHandler
    void handle(ReviewEmergencyAccessCommand command, HashChain chain) {
        require(Precondition.LIVE_ACCOUNT);
        EmergencyAccess access = knownAccess(command.accessId());
        if (access.verdict() != null) {
            throw ApiException.conflict("this emergency access has already been reviewed");
        }
        record(new EmergencyAccessReviewed(accountId, command.accessId(), access.hcoName(), access.hcpName(),
                command.verdict(), command.comment()), command.actor(), chain, command.at());
    }

    /** Also on a deleted account: its disputes stay with the compliance officers. */
    @CommandHandler
    void handle(DecideDisputeCommand command, HashChain chain) {
        EmergencyAccess access = emergencyAccesses.get(command.accessId());
        if (access == null || access.verdict() != ReviewVerdict.DISPUTED) {
            throw ApiException.notFound("no disputed emergency access has this id");
        }
        if (access.decision() != null) {
            throw ApiException.conflict("this dispute has already been decided");
        }
        record(new DisputeDecided(accountId, command.accessId(), access.hcoName(), access.hcpName(), command.decision(),
                command.comment(), command.actor().name()), command.actor(), chain, command.at());
    }

    @CommandHandler
    void handle(HideRecordFromEmergencyCommand command, HashChain chain) {
        require(Precondition.LIVE_ACCOUNT);
        if (!hiddenRecords.contains(recordKey(command.bucket(), command.object()))) {
            record(new HealthRecordHiddenFromEmergency(accountId, command.bucket(), command.object()), command.actor(),
                    chain, command.at());
        }
    }

    @CommandHandler
    void handle(ShowRecordInEmergencyCommand command, HashChain chain) {
        require(Precondition.LIVE_ACCOUNT);
        if (hiddenRecords.contains(recordKey(command.bucket(), command.object()))) {
            record(new HealthRecordShownInEmergency(accountId, command.bucket(), command.object()), command.actor(),
                    chain, command.at());
        }
    }

    private EmergencyAccess knownAccess(String accessId) {
        EmergencyAccess access = accessId == null ? null : emergencyAccesses.get(accessId);
        if (access == null) {
            throw ApiException.notFound("no such emergency access");
        }
        return access;
    }

    private List<Map.Entry<String, EmergencyAccess>> openAccesses() {
        return emergencyAccesses.entrySet().stream().filter(entry -> !entry.getValue().ended()).toList();
    }

    private static String recordKey(String bucket, String object) {
        return bucket + "/" + object;
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
        Instant now = Instant.now();
        openAccesses().forEach(open -> endAccess(open.getKey(), open.getValue(), EndReason.REVOKED, actor, chain, now));
        record(new HcoConsentRevoked(accountId, hcoGrant), actor, chain);
    }

    private void endAccess(String accessId, EmergencyAccess access, EndReason reason, Actor actor, HashChain chain,
                           Instant at) {
        record(new EmergencyAccessEnded(accountId, accessId, access.hcoName(), access.hcpName(), reason.name()), actor,
                chain, at);
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
            emergencyAccesses.put(granted.accessId(), EmergencyAccess.granted(granted.hcoName(), granted.hcpName(),
                    granted.expiresAt()));
        } else if (event instanceof EmergencyAccessEnded ended) {
            emergencyAccesses.computeIfPresent(ended.accessId(), (id, access) -> access.ended(true));
        } else if (event instanceof EmergencyAccessReviewed reviewed) {
            emergencyAccesses.computeIfPresent(reviewed.accessId(), (id, access) -> access.reviewed(reviewed.verdict()));
        } else if (event instanceof DisputeDecided decided) {
            emergencyAccesses.computeIfPresent(decided.accessId(), (id, access) -> access.decided(decided.decision()));
        } else if (event instanceof HealthRecordHiddenFromEmergency hidden) {
            hiddenRecords.add(recordKey(hidden.bucket(), hidden.object()));
        } else if (event instanceof HealthRecordShownInEmergency shown) {
            hiddenRecords.remove(recordKey(shown.bucket(), shown.object()));
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
            EmergencyAccess access = emergencyAccesses.get(precondition.accessId());
            if (access == null || !access.isOpenAt(Instant.now())) {
                throw ApiException.unauthorized("the emergency access has ended");
            }
        }
    }

    private void record(CitizenEvent event, Actor actor, HashChain chain) {
        record(event, actor, chain, accountId);
    }

    private void record(CitizenEvent event, Actor actor, HashChain chain, String account) {
        record(event, actor, chain, account, Instant.now());
    }

    /** Appends the event as having occurred {@code at} (the time its command was asked for, or now). */
    private void record(CitizenEvent event, Actor actor, HashChain chain, Instant at) {
        record(event, actor, chain, accountId, at);
    }

    private void record(CitizenEvent event, Actor actor, HashChain chain, String account, Instant at) {
        apply(event, chain.link(chainHead, account, nextSequence, event, actor, at.truncatedTo(ChronoUnit.MILLIS)));
    }
}
