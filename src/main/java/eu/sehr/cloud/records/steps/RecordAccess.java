package eu.sehr.cloud.records.steps;

import java.util.List;

import eu.sehr.cloud.account.api.AccountCommands.RecordAccessCommand;
import eu.sehr.cloud.account.api.CitizenEvent;
import eu.sehr.cloud.account.api.Precondition;
import eu.sehr.cloud.infra.http.ApiException;
import eu.sehr.cloud.infra.http.Names;
import eu.sehr.cloud.records.api.RecordEvents.HealthRecordUploaded;
import eu.sehr.cloud.records.query.BucketRegistry;
import eu.sehr.cloud.records.query.BucketRegistry.Bucket;
import eu.sehr.cloud.security.Principal;
import eu.sehr.cloud.security.TokenKind;
import org.axonframework.commandhandling.gateway.CommandGateway;

/**
 * Who may use which bucket, and the event that must be appended before an access is served. A citizen uses the
 * buckets of their own account; an HCP uses the citizen's home bucket and the emergency bucket of their own HCO.
 * The owner is compared by exact name, never by prefix ({@code ann} never reaches {@code anna}'s buckets), and an
 * emergency bucket by its HCO's full key, never by the 10-character id in its name alone: an HCO whose key shares
 * that id with another HCO's neither sees, reads nor uploads into the other's bucket.
 */
public final class RecordAccess {

    private final BucketRegistry buckets;
    private final CommandGateway commands;

    public RecordAccess(BucketRegistry buckets, CommandGateway commands) {
        this.buckets = buckets;
        this.commands = commands;
    }

    /** The buckets the caller sees: all of the citizen's, or for an HCP the home and their HCO's emergency bucket. */
    public List<String> visibleBuckets(Principal caller) {
        List<String> all = buckets.bucketsOf(caller.account());
        if (caller.kind() == TokenKind.HCO) {
            return all.stream().filter(bucket -> reaches(caller, bucket)).toList();
        }
        return all;
    }

    /**
     * The bucket, checked: 400 for an invalid name, 403 when the caller may not use it, 404 when it does not exist.
     * The home bucket of a live account always exists; an emergency bucket is looked up.
     */
    public Target target(Principal caller, String bucket) {
        Names.requireBucketName(bucket);
        if (!mayUse(caller, bucket)) {
            throw ApiException.forbidden("this bucket belongs to someone else");
        }
        if (bucket.equals(caller.subject())) {
            return new Target(bucket, caller.account());
        }
        Bucket found = buckets.find(bucket).orElseThrow(() -> ApiException.notFound("no such bucket"));
        if (!found.accountId().equals(caller.account())) {
            throw ApiException.forbidden("this bucket belongs to someone else");
        }
        if (caller.kind() == TokenKind.HCO && !boundToCallersHco(caller, found)) {
            throw ApiException.forbidden("this bucket belongs to another healthcare organisation");
        }
        return new Target(bucket, found.accountId());
    }

    /**
     * The bucket an upload by this caller goes to: the citizen's home bucket, or the HCO's emergency bucket, which
     * must not exist yet or be bound to this HCO's key (403 otherwise, before anything is stored).
     */
    public String uploadBucket(Principal caller) {
        if (caller.kind() != TokenKind.HCO) {
            return caller.subject();
        }
        if (caller.hcoKey() == null) {
            throw ApiException.forbidden("this access token does not identify its healthcare organisation's key; "
                    + "request access again");
        }
        String bucket = Names.emergencyBucket(caller.subject(), caller.hcoId());
        buckets.find(bucket).ifPresent(found -> {
            if (!found.accountId().equals(caller.account()) || !boundToCallersHco(caller, found)) {
                throw ApiException.forbidden("this bucket belongs to another healthcare organisation");
            }
        });
        return bucket;
    }

    /** Appends the access's event; it fails (and so the access is refused) if the precondition no longer holds. */
    public void record(Principal caller, CitizenEvent event, boolean touchesRecordBytes) {
        commands.sendAndWait(new RecordAccessCommand(caller.account(), event,
                precondition(caller, event, touchesRecordBytes), caller.actor()));
    }

    /**
     * What the account must hold when the event is appended: a citizen needs the cloud consent to touch record bytes;
     * an HCP needs the open access under the active grant, and to store a record also the citizen's cloud consent.
     */
    static Precondition precondition(Principal caller, CitizenEvent event, boolean touchesRecordBytes) {
        if (caller.kind() == TokenKind.HCO) {
            return event instanceof HealthRecordUploaded
                    ? Precondition.hcoStore(caller.grant(), caller.tokenId())
                    : Precondition.hcoAccess(caller.grant(), caller.tokenId());
        }
        return touchesRecordBytes ? Precondition.CLOUD_CONSENT : Precondition.LIVE_ACCOUNT;
    }

    /** An HCP reaches the citizen's home bucket, and the emergency bucket bound to their HCO's key. */
    private boolean reaches(Principal hcp, String bucket) {
        return bucket.equals(hcp.subject()) || mayUse(hcp, bucket)
                && buckets.find(bucket).filter(found -> boundToCallersHco(hcp, found)).isPresent();
    }

    /** The emergency bucket was created by the caller's HCO: the same full key (a bucket without one is nobody's). */
    private static boolean boundToCallersHco(Principal caller, Bucket bucket) {
        return caller.hcoKey() != null && caller.hcoKey().equals(bucket.hcoKey());
    }

    private static boolean mayUse(Principal caller, String bucket) {
        if (caller.kind() == TokenKind.HCO) {
            return bucket.equals(caller.subject()) || bucket.equals(Names.emergencyBucket(caller.subject(), caller.hcoId()));
        }
        return Names.ownerOf(bucket).equals(caller.subject());
    }
}
