package eu.sehr.cloud.audit.query;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import eu.sehr.cloud.account.api.AccountEvents.CitizenAccountDeleted;
import eu.sehr.cloud.audit.api.Actor;
import eu.sehr.cloud.audit.api.AuditEvents.AuditTrailExported;
import eu.sehr.cloud.audit.api.AuditEvents.EventStoreExported;
import eu.sehr.cloud.emergency.api.EmergencyEvents.EmergencyAccessGranted;
import eu.sehr.cloud.infra.Times;
import eu.sehr.cloud.records.api.RecordEvents.BucketListed;
import eu.sehr.cloud.records.api.RecordEvents.BucketsListed;
import eu.sehr.cloud.records.api.RecordEvents.HealthRecordDownloaded;
import eu.sehr.cloud.records.api.RecordEvents.HealthRecordMetadataRead;
import eu.sehr.cloud.records.api.RecordEvents.HealthRecordUploaded;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * Projects the events that a citizen reads in {@code GET /citizen/auditing} into the citizen audit view
 * (MongoDB, written with the driver through {@link AuditViews}). The lines of a batch of events are written together,
 * in one bulk write of upserts when the batch's unit of work prepares to commit, that is before the batch's token is
 * stored in the same PostgreSQL transaction; each line is keyed by its event's id (an export without a citizen filter,
 * shown to every account it returned, by its id and the account), so replays and repeated deliveries change nothing.
 * A failed write propagates, and the processor retries the batch.
 */
@ProcessingGroup(CitizenAuditProjection.PROCESSING_GROUP)
public class CitizenAuditProjection {

    public static final String PROCESSING_GROUP = "audit-citizen-view";

    private static final String PENDING_LINES = CitizenAuditProjection.class.getName() + ".pendingLines";

    private final AuditViews views;

    public CitizenAuditProjection(AuditViews views) {
        this.views = views;
    }

    @EventHandler
    void on(HealthRecordUploaded event, EventMessage<?> message, TrackingToken token) {
        Actor actor = Actor.fromMetaData(message.getMetaData());
        if ("HCP".equals(actor.kind())) {
            save(message, token, event.accountId(), AuditEntry.HCO_UPLOADED, item(
                    "healthcare_organization_name", actor.hco(),
                    "healthcare_professional_name", actor.name(),
                    "uploaded_hr_on", time(message),
                    "uploaded_hr", event.object()));
        } else {
            save(message, token, event.accountId(), AuditEntry.UPLOADED, item(
                    "uploaded_hr", event.object(),
                    "hr_uploaded_on", time(message)));
        }
    }

    @EventHandler
    void on(HealthRecordDownloaded event, EventMessage<?> message, TrackingToken token) {
        Actor actor = Actor.fromMetaData(message.getMetaData());
        if ("HCP".equals(actor.kind())) {
            save(message, token, event.accountId(), AuditEntry.HCO_DOWNLOADED, item(
                    "healthcare_organization_name", actor.hco(),
                    "healthcare_professional_name", actor.name(),
                    "downloaded_hr_on", time(message),
                    "downloaded_hr", event.object()));
        } else {
            save(message, token, event.accountId(), AuditEntry.DOWNLOADED, item(
                    "downloaded_hr", event.object(),
                    "hr_downloaded_on", time(message)));
        }
    }

    @EventHandler
    void on(EmergencyAccessGranted event, EventMessage<?> message, TrackingToken token) {
        save(message, token, event.accountId(), AuditEntry.HCO_GRANTED, item(
                "healthcare_organization_name", event.hcoName(),
                "granted_access_on", time(message),
                "healthcare_professionals_granted_access", List.of(event.hcpName()),
                "access_expires_on", Times.iso(event.expiresAt()),
                "access_id", event.accessId(),
                "justification", event.justification(),
                "expires_on", Times.iso(event.expiresAt())));
    }

    @EventHandler
    void on(AuditTrailExported event, EventMessage<?> message, TrackingToken token) {
        Actor actor = Actor.fromMetaData(message.getMetaData());
        // the contract's fields (auditor, action, on), and the earlier ones beside them for clients that read those
        save(message, token, event.accountId(), AuditEntry.COMPLIANCE, item(
                "auditor", actor.name(),
                "action", event.purpose(),
                "on", time(message),
                "compliance_officer", actor.name(),
                "read_audit_trail_on", time(message),
                "purpose", event.purpose()));
    }

    /** An export without a citizen filter: one line in the view of each account whose events it returned. */
    @EventHandler
    void on(EventStoreExported event, EventMessage<?> message, TrackingToken token) {
        Actor actor = Actor.fromMetaData(message.getMetaData());
        for (String account : event.accountIds() == null ? List.<String>of() : event.accountIds()) {
            pendingLines().add(new AuditEntry(message.getIdentifier() + "/" + account, account, position(token),
                    AuditEntry.COMPLIANCE, item(
                            "auditor", actor.name(),
                            "action", "events",
                            "on", time(message),
                            "compliance_officer", actor.name(),
                            "read_audit_trail_on", time(message),
                            "purpose", "events")));
        }
    }

    @EventHandler
    void on(BucketListed event, EventMessage<?> message, TrackingToken token) {
        saveHcpListing(message, token, event.accountId());
    }

    @EventHandler
    void on(BucketsListed event, EventMessage<?> message, TrackingToken token) {
        saveHcpListing(message, token, event.accountId());
    }

    @EventHandler
    void on(HealthRecordMetadataRead event, EventMessage<?> message, TrackingToken token) {
        Actor actor = Actor.fromMetaData(message.getMetaData());
        if ("HCP".equals(actor.kind())) {
            save(message, token, event.accountId(), AuditEntry.HCO_METADATA_READ, item(
                    "healthcare_organization_name", actor.hco(),
                    "healthcare_professional_name", actor.name(),
                    "metadata_read_on", time(message),
                    "metadata_read_hr", event.object()));
        }
    }

    /** A listing by an HCP (the citizen's own listings are not shown back to them). */
    private void saveHcpListing(EventMessage<?> message, TrackingToken token, String accountId) {
        Actor actor = Actor.fromMetaData(message.getMetaData());
        if ("HCP".equals(actor.kind())) {
            save(message, token, accountId, AuditEntry.HCO_LISTED, item(
                    "healthcare_organization_name", actor.hco(),
                    "healthcare_professional_name", actor.name(),
                    "listed_on", time(message)));
        }
    }

    @EventHandler
    void on(CitizenAccountDeleted event) {
        List<AuditEntry> pending = pendingLines();
        views.saveAll(pending);
        pending.clear();
        views.removeAccount(event.accountId());
    }

    @ResetHandler
    void onReset() {
        views.clear();
    }

    private void save(EventMessage<?> message, TrackingToken token, String accountId, String section, Map<String, Object> item) {
        pendingLines().add(new AuditEntry(message.getIdentifier(), accountId, position(token), section, item));
    }

    /** The lines of the batch being processed, written when its unit of work prepares to commit. */
    private List<AuditEntry> pendingLines() {
        UnitOfWork<?> batch = CurrentUnitOfWork.get().root();
        return batch.getOrComputeResource(PENDING_LINES, key -> {
            List<AuditEntry> lines = new ArrayList<>();
            batch.onPrepareCommit(u -> views.saveAll(lines));
            return lines;
        });
    }

    private static long position(TrackingToken token) {
        return token == null ? 0 : token.position().orElse(0);
    }

    /** The time the account recorded for the event (it is covered by the hash chain), in milliseconds. */
    private static String time(EventMessage<?> message) {
        Object occurredAt = message.getMetaData().get("occurredAt");
        Instant at = occurredAt == null ? message.getTimestamp() : Instant.parse(occurredAt.toString());
        return Times.iso(at);
    }

    private static Map<String, Object> item(Object... keysAndValues) {
        Map<String, Object> item = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            item.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return item;
    }
}
