package eu.sehr.cloud.account.command;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import eu.sehr.cloud.account.api.AccountEvents.CitizenAccountDeleted;
import eu.sehr.cloud.account.api.AccountEvents.CitizenRegistered;
import eu.sehr.cloud.account.api.CitizenEvent;
import eu.sehr.cloud.audit.api.Actor;
import eu.sehr.cloud.audit.chain.HashChain;
import eu.sehr.cloud.consent.api.ConsentEvents.ConsentGranted;
import eu.sehr.cloud.consent.api.ConsentEvents.HcoConsentRevoked;
import eu.sehr.cloud.consent.api.ConsentPurpose;
import eu.sehr.cloud.domain.AccessEnded;
import eu.sehr.cloud.domain.AccountGone;
import eu.sehr.cloud.domain.ConsentMissing;
import eu.sehr.cloud.domain.NotFound;
import eu.sehr.cloud.emergency.api.EmergencyEvents.DisputeDecided;
import eu.sehr.cloud.emergency.api.EmergencyEvents.EmergencyAccessEnded;
import eu.sehr.cloud.emergency.api.EmergencyEvents.EmergencyAccessGranted;
import eu.sehr.cloud.emergency.api.EmergencyEvents.EmergencyAccessReviewed;
import eu.sehr.cloud.emergency.api.EmergencyEvents.HealthRecordHiddenFromEmergency;
import eu.sehr.cloud.emergency.api.EmergencyEvents.HealthRecordShownInEmergency;
import eu.sehr.cloud.records.api.Requester;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateIdentifier;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * What {@link CitizenAccount} remembers of its events, the rules it checks on that state, and how it appends an event
 * to the citizen's hash chain. State changes only in {@link #on(CitizenEvent, MetaData)}; a rule that does not hold
 * throws a domain refusal ({@code eu.sehr.cloud.domain}). The fields are the snapshot's shape
 * ({@link CitizenAccount#SNAPSHOT_REVISION}).
 */
abstract class AccountState {

    @AggregateIdentifier
    String accountId;
    String username;
    boolean deleted;
    boolean cloudConsent;
    String hcoGrant;
    Map<String, EmergencyAccess> emergencyAccesses = new LinkedHashMap<>();
    Set<String> hiddenRecords = new HashSet<>();
    private long nextSequence;
    private String chainHead;

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

    static String recordKey(String bucket, String object) {
        return bucket + "/" + object;
    }

    /** The account has not been deleted (401 otherwise: its tokens name nobody any more). */
    void requireLive() {
        if (deleted) {
            throw new AccountGone("the account no longer exists");
        }
    }

    void requireCloudConsent() {
        if (!cloudConsent) {
            throw new ConsentMissing("the cloud consent has not been given");
        }
    }

    /** The HCO consent {@code grantId} is the active one. */
    void requireHcoGrant(String grantId) {
        if (hcoGrant == null || !Objects.equals(hcoGrant, grantId)) {
            throw new ConsentMissing("the citizen's HCO consent is not active");
        }
    }

    /** The active HCO consent, and under it the emergency access, neither expired nor ended at {@code at}. */
    void requireOpenAccess(String grantId, String accessId, Instant at) {
        requireHcoGrant(grantId);
        EmergencyAccess access = accessId == null ? null : emergencyAccesses.get(accessId);
        if (access == null || !access.isOpenAt(at)) {
            throw new AccessEnded("the emergency access has ended");
        }
    }

    /**
     * A live account, and: for an HCP the open emergency access; for the citizen the cloud consent when the access
     * touches record bytes.
     */
    void requireReading(Requester requester, boolean touchesRecordBytes, Instant at) {
        requireLive();
        if (requester.isHcp()) {
            requireOpenAccess(requester.grantId(), requester.accessId(), at);
        } else if (touchesRecordBytes) {
            requireCloudConsent();
        }
    }

    /** A live account, for an HCP the open emergency access, and the citizen's cloud consent. */
    void requireStoring(Requester requester, Instant at) {
        requireLive();
        if (requester.isHcp()) {
            requireOpenAccess(requester.grantId(), requester.accessId(), at);
        }
        requireCloudConsent();
    }

    EmergencyAccess knownAccess(String accessId) {
        EmergencyAccess access = accessId == null ? null : emergencyAccesses.get(accessId);
        if (access == null) {
            throw new NotFound("no such emergency access");
        }
        return access;
    }

    List<Map.Entry<String, EmergencyAccess>> openAccesses() {
        return emergencyAccesses.entrySet().stream().filter(entry -> !entry.getValue().ended()).toList();
    }

    /** Appends the event as having occurred {@code at} (the time its command was asked for). */
    void record(CitizenEvent event, Actor actor, HashChain chain, Instant at) {
        record(event, actor, chain, accountId, at);
    }

    /** As {@link #record(CitizenEvent, Actor, HashChain, Instant)} for the stream's first event, before its id is known. */
    void record(CitizenEvent event, Actor actor, HashChain chain, String account, Instant at) {
        apply(event, chain.link(chainHead, account, nextSequence, event, actor, at.truncatedTo(ChronoUnit.MILLIS)));
    }
}
