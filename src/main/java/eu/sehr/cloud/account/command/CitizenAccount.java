package eu.sehr.cloud.account.command;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import eu.sehr.cloud.account.api.AccountCommands.DeleteAccountCommand;
import eu.sehr.cloud.account.api.AccountCommands.LogInCommand;
import eu.sehr.cloud.account.api.AccountCommands.NoteRefusedRequestCommand;
import eu.sehr.cloud.account.api.AccountCommands.ReadAuditTrailCommand;
import eu.sehr.cloud.account.api.AccountCommands.RefuseLoginCommand;
import eu.sehr.cloud.account.api.AccountEvents.AuditTrailRead;
import eu.sehr.cloud.account.api.AccountEvents.CitizenAccountDeleted;
import eu.sehr.cloud.account.api.AccountEvents.CitizenLoggedIn;
import eu.sehr.cloud.account.api.AccountEvents.CitizenLoginFailed;
import eu.sehr.cloud.account.api.AccountEvents.CitizenRegistered;
import eu.sehr.cloud.account.api.AccountEvents.RequestRefused;
import eu.sehr.cloud.audit.api.Actor;
import eu.sehr.cloud.audit.api.AuditCommands.ExportAuditTrailCommand;
import eu.sehr.cloud.audit.api.AuditEvents.AuditTrailExported;
import eu.sehr.cloud.audit.chain.HashChain;
import eu.sehr.cloud.consent.api.ConsentCommands.GrantConsentCommand;
import eu.sehr.cloud.consent.api.ConsentCommands.RevokeHcoConsentCommand;
import eu.sehr.cloud.consent.api.ConsentEvents.ConsentGranted;
import eu.sehr.cloud.consent.api.ConsentEvents.HcoConsentRevoked;
import eu.sehr.cloud.consent.api.ConsentPurpose;
import eu.sehr.cloud.domain.AlreadyDone;
import eu.sehr.cloud.domain.NotFound;
import eu.sehr.cloud.emergency.api.EmergencyCommands.RefuseEmergencyAccessCommand;
import eu.sehr.cloud.emergency.api.EmergencyCommands.RequestEmergencyAccessCommand;
import eu.sehr.cloud.emergency.api.EmergencyEvents.EmergencyAccessGranted;
import eu.sehr.cloud.emergency.api.EmergencyEvents.EmergencyAccessRefused;
import eu.sehr.cloud.emergency.api.EmergencyCommands.ListEmergencyAccessesCommand;
import eu.sehr.cloud.emergency.api.EmergencyEvents.EmergencyAccessesListed;
import eu.sehr.cloud.emergency.api.EndExpiredAccessesCommand;
import eu.sehr.cloud.emergency.api.EndReason;
import eu.sehr.cloud.emergency.api.VerifiedAssertion;
import eu.sehr.cloud.records.api.RecordCommands.DownloadRecordCommand;
import eu.sehr.cloud.records.api.RecordCommands.ListBucketCommand;
import eu.sehr.cloud.records.api.RecordCommands.ListBucketsCommand;
import eu.sehr.cloud.records.api.RecordCommands.ReadRecordMetadataCommand;
import eu.sehr.cloud.records.api.RecordCommands.UploadRecordCommand;
import eu.sehr.cloud.records.api.RecordEvents.BucketListed;
import eu.sehr.cloud.records.api.RecordEvents.BucketsListed;
import eu.sehr.cloud.records.api.RecordEvents.HealthRecordDownloaded;
import eu.sehr.cloud.records.api.RecordEvents.HealthRecordMetadataRead;
import eu.sehr.cloud.records.api.RecordEvents.HealthRecordUploaded;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.serialization.Revision;

/**
 * One citizen account: its events form the citizen's ordered, hash-chained stream, and it decides, at the moment of
 * appending, whether what a command asks is allowed (live account, cloud consent, active HCO consent, open emergency
 * access), then applies the event. Its handlers for the citizen's and compliance officers' control of emergency
 * accesses are in {@link EmergencyControl}; its state and rules in {@link AccountState}.
 * <p>
 * {@link #SNAPSHOT_REVISION} names the shape of the fields that snapshots hold: a snapshot of another revision is
 * ignored and the account rebuilt from its events.
 */
@Revision(CitizenAccount.SNAPSHOT_REVISION)
public class CitizenAccount extends EmergencyControl {

    public static final String SNAPSHOT_REVISION = "2";

    protected CitizenAccount() {
        // for Axon: rebuilt from events or a snapshot
    }

    CitizenAccount(String accountId, String username, Actor actor, HashChain chain, Instant at) {
        record(new CitizenRegistered(accountId, username), actor, chain, accountId, at);
    }

    @CommandHandler
    void handle(LogInCommand command, HashChain chain) {
        requireLive();
        record(new CitizenLoggedIn(accountId, command.username()), Actor.citizen(command.username()), chain, command.at());
    }

    @CommandHandler
    void handle(RefuseLoginCommand command, HashChain chain) {
        requireLive();
        record(new CitizenLoginFailed(accountId, command.username(), command.reason()), Actor.citizen(command.username()),
                chain, command.at());
    }

    @CommandHandler
    void handle(ReadAuditTrailCommand command, HashChain chain) {
        requireLive();
        record(new AuditTrailRead(accountId), command.actor(), chain, command.at());
    }

    @CommandHandler
    void handle(NoteRefusedRequestCommand command, HashChain chain) {
        requireLive();
        record(new RequestRefused(accountId, command.endpoint(), command.status(), command.reason()), command.actor(),
                chain, command.at());
    }

    /** Also on a deleted account: compliance officers read its stream. */
    @CommandHandler
    void handle(ExportAuditTrailCommand command, HashChain chain) {
        record(new AuditTrailExported(accountId, command.purpose()), command.actor(), chain, command.at());
    }

    @CommandHandler
    void handle(ListBucketsCommand command, HashChain chain) {
        requireReading(command.requester(), false, command.at());
        record(new BucketsListed(accountId), command.requester().actor(), chain, command.at());
    }

    @CommandHandler
    void handle(ListBucketCommand command, HashChain chain) {
        requireReading(command.requester(), false, command.at());
        record(new BucketListed(accountId, command.bucket()), command.requester().actor(), chain, command.at());
    }

    @CommandHandler
    void handle(ReadRecordMetadataCommand command, HashChain chain) {
        requireReading(command.requester(), false, command.at());
        record(new HealthRecordMetadataRead(accountId, command.bucket(), command.object()), command.requester().actor(),
                chain, command.at());
    }

    @CommandHandler
    void handle(DownloadRecordCommand command, HashChain chain) {
        requireReading(command.requester(), true, command.at());
        record(new HealthRecordDownloaded(accountId, command.bucket(), command.object(), command.bytes(), command.sha256()),
                command.requester().actor(), chain, command.at());
    }

    @CommandHandler
    void handle(UploadRecordCommand command, HashChain chain) {
        requireStoring(command.requester(), command.at());
        record(new HealthRecordUploaded(accountId, command.bucket(), command.object(), command.bytes(), command.sha256(),
                command.contentType(), command.version(), command.hcoKey()), command.requester().actor(), chain,
                command.at());
    }

    @CommandHandler
    String handle(GrantConsentCommand command, HashChain chain) {
        requireLive();
        boolean active = command.purpose() == ConsentPurpose.CLOUD ? cloudConsent : hcoGrant != null;
        if (!active) {
            String grant = command.purpose() == ConsentPurpose.HCO ? UUID.randomUUID().toString() : null;
            record(new ConsentGranted(accountId, command.purpose(), command.documentSha256(), grant), command.actor(),
                    chain, command.at());
        }
        return hcoGrant;
    }

    @CommandHandler
    void handle(RevokeHcoConsentCommand command, HashChain chain) {
        requireLive();
        if (hcoGrant == null) {
            throw new NotFound("no HCO consent is active");
        }
        revokeHcoGrant(command.actor(), chain, command.at());
    }

    @CommandHandler
    void handle(DeleteAccountCommand command, HashChain chain) {
        requireLive();
        if (hcoGrant != null) {
            revokeHcoGrant(command.actor(), chain, command.at());
        }
        record(new CitizenAccountDeleted(accountId, username), command.actor(), chain, command.at());
    }

    /**
     * Grants the HCP's emergency access under the active HCO consent the emergency token is bound to, until
     * {@code ttl} after the request (whole seconds); answers that end.
     */
    @CommandHandler
    Instant handle(RequestEmergencyAccessCommand command, HashChain chain) {
        requireLive();
        requireHcoGrant(command.grantId());
        if (emergencyAccesses.containsKey(command.accessId())) {
            throw new AlreadyDone("this emergency access has already been granted");
        }
        Instant expiresAt = command.at().plus(command.ttl()).truncatedTo(ChronoUnit.SECONDS);
        VerifiedAssertion assertion = command.assertion();
        record(new EmergencyAccessGranted(accountId, command.accessId(), command.grantId(), assertion.hcoId(),
                        assertion.hcoName(), assertion.hcpName(), assertion.certificateSha256(), expiresAt,
                        assertion.hcoKey(), assertion.justification()),
                Actor.hcp(assertion.hcpName(), assertion.hcoName()), chain, command.at());
        return expiresAt;
    }

    @CommandHandler
    void handle(RefuseEmergencyAccessCommand command, HashChain chain) {
        requireLive();
        record(new EmergencyAccessRefused(accountId, command.reason()), Actor.anonymous(), chain, command.at());
    }

    @CommandHandler
    void handle(ListEmergencyAccessesCommand command, HashChain chain) {
        requireLive();
        record(new EmergencyAccessesListed(accountId), command.actor(), chain, command.at());
    }

    /** By the system, also on a deleted account: every access whose time has passed by then ends. */
    @CommandHandler
    void handle(EndExpiredAccessesCommand command, HashChain chain) {
        openAccesses().stream()
                .filter(open -> open.getValue().expiresAt().isBefore(command.at()))
                .forEach(open -> endAccess(open.getKey(), open.getValue(), EndReason.EXPIRED, Actor.system(), chain,
                        command.at()));
    }

    private void revokeHcoGrant(Actor actor, HashChain chain, Instant at) {
        openAccesses().forEach(open -> endAccess(open.getKey(), open.getValue(), EndReason.REVOKED, actor, chain, at));
        record(new HcoConsentRevoked(accountId, hcoGrant), actor, chain, at);
    }
}
