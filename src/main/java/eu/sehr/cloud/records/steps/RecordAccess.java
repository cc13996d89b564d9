package eu.sehr.cloud.records.steps;

import java.util.List;

import eu.sehr.cloud.account.api.AccountCommands.RecordAccessCommand;
import eu.sehr.cloud.account.api.CitizenEvent;
import eu.sehr.cloud.account.api.Precondition;
import eu.sehr.cloud.infra.http.ApiException;
import eu.sehr.cloud.infra.http.Names;
import eu.sehr.cloud.records.api.RecordEvents.HealthRecordUploaded;
import eu.sehr.cloud.records.query.BucketRegistry;
import eu.sehr.cloud.security.Principal;
import eu.sehr.cloud.security.TokenKind;
import org.axonframework.commandhandling.gateway.CommandGateway;

/**
 * Who may use which bucket, and the event that must be appended before an access is served. A citizen uses the
 * buckets of their own account; an HCP uses the citizen's home bucket and the emergency bucket of their own HCO.
 * The owner is compared by exact name, never by prefix ({@code ann} never reaches {@code anna}'s buckets).
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
            return all.stream().filter(bucket -> mayUse(caller, bucket)).toList();
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
        String owner = buckets.ownerOf(bucket).orElseThrow(() -> ApiException.notFound("no such bucket"));
        if (!owner.equals(caller.account())) {
            throw ApiException.forbidden("this bucket belongs to someone else");
        }
        return new Target(bucket, owner);
    }

    /** The bucket an upload by this caller goes to: the citizen's home bucket, or the HCO's emergency bucket. */
    public String uploadBucket(Principal caller) {
        return caller.kind() == TokenKind.HCO ? Names.emergencyBucket(caller.subject(), caller.hcoId()) : caller.subject();
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

    private static boolean mayUse(Principal caller, String bucket) {
        if (caller.kind() == TokenKind.HCO) {
            return bucket.equals(caller.subject()) || bucket.equals(Names.emergencyBucket(caller.subject(), caller.hcoId()));
        }
        return Names.ownerOf(bucket).equals(caller.subject());
    }
}
