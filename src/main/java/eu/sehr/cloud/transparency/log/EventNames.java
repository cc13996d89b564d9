package eu.sehr.cloud.transparency.log;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import eu.sehr.cloud.account.api.AccountEvents;
import eu.sehr.cloud.audit.api.AuditEvents;
import eu.sehr.cloud.audit.api.AuditorEvents;
import eu.sehr.cloud.consent.api.ConsentEvents;
import eu.sehr.cloud.emergency.api.EmergencyEvents;
import eu.sehr.cloud.records.api.RecordEvents;

/**
 * The one place that names events for the log: a stable name per event (such as {@code HealthRecordDownloaded})
 * that leaves carry instead of a Java class name, so that renaming or moving a class never changes a leaf.
 *
 * <p>An event class that is not listed here cannot be stored (its leaf could not be named): add it, with its
 * stable name, in the same change that adds the class. A renamed class keeps its old stable name, and its former
 * class name goes in {@link #FORMER_CLASS_NAMES} so that the rows stored under it are still named.
 */
public final class EventNames {

    private static final Map<Class<?>, String> NAMES = Map.ofEntries(
            Map.entry(AccountEvents.CitizenRegistered.class, "CitizenRegistered"),
            Map.entry(AccountEvents.AuditTrailRead.class, "AuditTrailRead"),
            Map.entry(AccountEvents.CitizenLoggedIn.class, "CitizenLoggedIn"),
            Map.entry(AccountEvents.CitizenLoginFailed.class, "CitizenLoginFailed"),
            Map.entry(AccountEvents.CitizenAccountDeleted.class, "CitizenAccountDeleted"),
            Map.entry(AccountEvents.RequestRefused.class, "RequestRefused"),
            Map.entry(AccountEvents.AnonymousRequestRefused.class, "AnonymousRequestRefused"),
            Map.entry(AuditEvents.AuditTrailExported.class, "AuditTrailExported"),
            Map.entry(AuditEvents.EventStoreExported.class, "EventStoreExported"),
            Map.entry(AuditorEvents.AuditorLoggedIn.class, "AuditorLoggedIn"),
            Map.entry(AuditorEvents.AuditViewsReplayStarted.class, "AuditViewsReplayStarted"),
            Map.entry(ConsentEvents.ConsentGranted.class, "ConsentGranted"),
            Map.entry(ConsentEvents.HcoConsentRevoked.class, "HcoConsentRevoked"),
            Map.entry(EmergencyEvents.EmergencyAccessGranted.class, "EmergencyAccessGranted"),
            Map.entry(EmergencyEvents.EmergencyAccessRefused.class, "EmergencyAccessRefused"),
            Map.entry(EmergencyEvents.EmergencyAccessEnded.class, "EmergencyAccessEnded"),
            Map.entry(EmergencyEvents.EmergencyAccessesListed.class, "EmergencyAccessesListed"),
            Map.entry(EmergencyEvents.EmergencyAccessReviewed.class, "EmergencyAccessReviewed"),
            Map.entry(EmergencyEvents.DisputeDecided.class, "DisputeDecided"),
            Map.entry(EmergencyEvents.HealthRecordHiddenFromEmergency.class, "HealthRecordHiddenFromEmergency"),
            Map.entry(EmergencyEvents.HealthRecordShownInEmergency.class, "HealthRecordShownInEmergency"),
            Map.entry(RecordEvents.HealthRecordUploaded.class, "HealthRecordUploaded"),
            Map.entry(RecordEvents.HealthRecordDownloaded.class, "HealthRecordDownloaded"),
            Map.entry(RecordEvents.HealthRecordMetadataRead.class, "HealthRecordMetadataRead"),
            Map.entry(RecordEvents.BucketListed.class, "BucketListed"),
            Map.entry(RecordEvents.BucketsListed.class, "BucketsListed"));

    /** Class names events were once stored under, with their stable names (none yet). */
    private static final Map<String, String> FORMER_CLASS_NAMES = Map.of();

    private final Map<String, String> byStoredType = new HashMap<>(FORMER_CLASS_NAMES);

    public EventNames() {
        NAMES.forEach((type, name) -> byStoredType.put(type.getName(), name));
    }

    /**
     * The stable name of an event class.
     *
     * @throws UnnamedEventException if the class is not listed: such an event must not be stored
     */
    public String of(Class<?> eventType) {
        String name = NAMES.get(eventType);
        if (name == null) {
            throw new UnnamedEventException(eventType.getName());
        }
        return name;
    }

    /** The stable name of the payload type an event store row names (a class name, current or former). */
    public Optional<String> ofStoredType(String payloadType) {
        return Optional.ofNullable(byStoredType.get(payloadType));
    }

    /** An event class without a stable name: a programming error that stops the append (fail closed). */
    public static final class UnnamedEventException extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        UnnamedEventException(String className) {
            super("event " + className + " has no stable name in EventNames: it cannot be logged");
        }
    }
}
