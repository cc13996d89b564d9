package eu.sehr.cloud.records.steps;

import java.time.Clock;
import java.util.List;

import eu.sehr.cloud.domain.NotFound;
import eu.sehr.cloud.domain.NotOwner;
import eu.sehr.cloud.infra.http.Names;
import eu.sehr.cloud.records.api.RecordCommands.DownloadRecordCommand;
import eu.sehr.cloud.records.api.RecordCommands.ListBucketCommand;
import eu.sehr.cloud.records.api.RecordCommands.ListBucketsCommand;
import eu.sehr.cloud.records.api.RecordCommands.ReadRecordMetadataCommand;
import eu.sehr.cloud.records.api.RecordCommands.UploadRecordCommand;
import eu.sehr.cloud.records.api.Requester;
import eu.sehr.cloud.records.query.BucketRegistry;
import eu.sehr.cloud.records.query.RecordEntry;
import eu.sehr.cloud.records.query.BucketRegistry.Bucket;
import eu.sehr.cloud.security.Principal;
import eu.sehr.cloud.security.TokenKind;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Header;
import org.axonframework.commandhandling.gateway.CommandGateway;

/**
 * Who may use which bucket, and the event that must be appended before an access is served. A citizen uses the
 * buckets of their own account; an HCP uses the citizen's home bucket and the emergency bucket of their own HCO.
 * The account decides whether the access may happen ({@code RecordCommands}). The owner is compared by exact name, never by prefix ({@code ann} never reaches {@code anna}'s buckets), and an
 * emergency bucket by its HCO's full key, never by the 10-character id in its name alone: an HCO whose key shares
 * that id with another HCO's neither sees, reads nor uploads into the other's bucket. The record routes call
 * {@link #target}, {@link #uploadBucket} and {@link #readMetadata} as steps (parameters bound from the exchange).
 */
public final class RecordAccess {

    private final BucketRegistry buckets;
    private final CommandGateway commands;
    private final Clock clock;

    public RecordAccess(BucketRegistry buckets, CommandGateway commands, Clock clock) {
        this.buckets = buckets;
        this.commands = commands;
        this.clock = clock;
    }

    /** The buckets the caller sees: all of the citizen's, or for an HCP the home and their HCO's emergency bucket. */
    public List<String> visibleBuckets(Principal caller) {
        List<String> all = buckets.bucketsOf(caller.account());
        if (caller.kind() == TokenKind.HCP) {
            return all.stream().filter(bucket -> reaches(caller, bucket)).toList();
        }
        return all;
    }

    /**
     * The bucket, checked: 400 for an invalid name, 403 when the caller may not use it, 404 when it does not exist.
     * The home bucket of a live account always exists; an emergency bucket is looked up.
     */
    public Target target(@ExchangeProperty("principal") Principal caller, @Header("bucketName") String bucket) {
        Names.requireBucketName(bucket);
        if (!mayUse(caller, bucket)) {
            throw new NotOwner("this bucket belongs to someone else");
        }
        if (bucket.equals(caller.subject())) {
            return new Target(bucket, caller.account());
        }
        Bucket found = buckets.find(bucket).orElseThrow(() -> new NotFound("no such bucket"));
        if (!found.accountId().equals(caller.account())) {
            throw new NotOwner("this bucket belongs to someone else");
        }
        if (caller.kind() == TokenKind.HCP && !boundToCallersHco(caller, found)) {
            throw new NotOwner("this bucket belongs to another healthcare organisation");
        }
        return new Target(bucket, found.accountId());
    }

    /**
     * The bucket an upload by this caller goes to: the citizen's home bucket, or the HCO's emergency bucket, which
     * must not exist yet or be bound to this HCO's key (403 otherwise, before anything is stored).
     */
    public String uploadBucket(@ExchangeProperty("principal") Principal caller) {
        if (caller.kind() != TokenKind.HCP) {
            return caller.subject();
        }
        if (caller.hcoKey() == null) {
            throw new NotOwner("this access token does not identify its healthcare organisation's key; "
                    + "request access again");
        }
        String bucket = Names.emergencyBucket(caller.subject(), caller.hcoId());
        buckets.find(bucket).ifPresent(found -> {
            if (!found.accountId().equals(caller.account()) || !boundToCallersHco(caller, found)) {
                throw new NotOwner("this bucket belongs to another healthcare organisation");
            }
        });
        return bucket;
    }

    /** The citizen or HCP listed the buckets; refused (and so not served) if the account's rule no longer holds. */
    public void listedBuckets(Principal caller) {
        commands.sendAndWait(new ListBucketsCommand(caller.account(), requester(caller), clock.instant()));
    }

    public void listedBucket(Principal caller, String bucket) {
        commands.sendAndWait(new ListBucketCommand(caller.account(), bucket, requester(caller), clock.instant()));
    }

    public void readMetadata(@ExchangeProperty("principal") Principal caller,
                             @ExchangeProperty("entry") RecordEntry entry) {
        commands.sendAndWait(new ReadRecordMetadataCommand(caller.account(), entry.bucket(), entry.object(),
                requester(caller), clock.instant()));
    }

    public void downloaded(Principal caller, RecordEntry entry) {
        commands.sendAndWait(new DownloadRecordCommand(caller.account(), entry.bucket(), entry.object(), entry.size(),
                entry.sha256(), requester(caller), clock.instant()));
    }

    /** The stored bytes count as uploaded: for an HCP's upload bound to their HCO's key. */
    public void uploaded(Principal caller, String bucket, String object, long bytes, String sha256, String contentType,
                         String version) {
        commands.sendAndWait(new UploadRecordCommand(caller.account(), bucket, object, bytes, sha256, contentType, version,
                caller.hcoKey(), requester(caller), clock.instant()));
    }

    /** Who asks: an HCP under their consent grant and emergency access (its token's id), or the citizen. */
    static Requester requester(Principal caller) {
        return caller.kind() == TokenKind.HCP
                ? Requester.hcp(caller.actor(), caller.grant(), caller.tokenId())
                : Requester.citizen(caller.actor());
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
        if (caller.kind() == TokenKind.HCP) {
            return bucket.equals(caller.subject()) || bucket.equals(Names.emergencyBucket(caller.subject(), caller.hcoId()));
        }
        return Names.ownerOf(bucket).equals(caller.subject());
    }
}
