package eu.sehr.cloud.transparency.log;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
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
 * <p>The event store writes these names as the payload type of every event row (infra/axon/StableNameSerializer), and
 * reads rows stored before that under class names through the same mapping, so events are read, exported and
 * chained by stable names whatever the Java classes are called.
 *
 * <p>An event class that is not listed here cannot be stored (its leaf could not be named): add it, with its
 * stable name, in the same change that adds the class. A renamed class keeps its old stable name, and its former
 * class name goes in {@link #FORMER_CLASS_NAMES} so that the rows stored under it are still named and read.
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
            Map.entry(EmergencyEvents.EmergencyAccessReviewed.class, "EmergencyAccessReviewed"),
            Map.entry(EmergencyEvents.DisputeDecided.class, "DisputeDecided"),
            Map.entry(EmergencyEvents.EmergencyAccessesListed.class, "EmergencyAccessesListed"),
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
    private final Map<String, Class<?>> byName = new HashMap<>();

    public EventNames() {
        NAMES.forEach((type, name) -> {
            byStoredType.put(type.getName(), name);
            byStoredType.put(name, name);
            byName.put(name, type);
        });
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

    /**
     * The payload type the event store writes for a class: its stable name if it is an event listed here, else its
     * class name (snapshots, metadata and anything else Axon serializes).
     */
    public String storedTypeOf(Class<?> type) {
        String name = NAMES.get(type);
        return name != null ? name : type.getName();
    }

    /**
     * The stable name of the payload type an event store row names: a stable name (rows written since stable names
     * are stored) or a class name, current or former (rows written before).
     */
    public Optional<String> ofStoredType(String payloadType) {
        return Optional.ofNullable(byStoredType.get(payloadType));
    }

    /**
     * The name exports show for a stored payload type: its stable name, or for a type that has none (not an event of
     * this service) the class's simple name, never a package.
     */
    public String exportedNameOf(String payloadType) {
        return ofStoredType(payloadType).orElseGet(() ->
                payloadType.substring(Math.max(payloadType.lastIndexOf('.'), payloadType.lastIndexOf('$')) + 1));
    }

    /** The class that reads a stored payload type (a stable name, or a current or former class name), if it is an event. */
    public Optional<Class<?>> classOfStoredType(String payloadType) {
        return ofStoredType(payloadType).map(byName::get);
    }

    /** Every payload type rows of the stable name may be stored under: the name itself, its class's name, former ones. */
    public List<String> storedTypesOf(String stableName) {
        List<String> types = new ArrayList<>();
        types.add(stableName);
        byStoredType.forEach((stored, name) -> {
            if (name.equals(stableName) && !stored.equals(stableName)) {
                types.add(stored);
            }
        });
        return types;
    }

    /** An event class without a stable name: a programming error that stops the append (fail closed). */
    public static final class UnnamedEventException extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        UnnamedEventException(String className) {
            super("event " + className + " has no stable name in EventNames: it cannot be logged");
        }
    }
}
