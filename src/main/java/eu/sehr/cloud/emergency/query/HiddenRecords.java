package eu.sehr.cloud.emergency.query;

import eu.sehr.cloud.emergency.api.EmergencyEvents.HealthRecordHiddenFromEmergency;
import eu.sehr.cloud.emergency.api.EmergencyEvents.HealthRecordShownInEmergency;
import eu.sehr.cloud.infra.Sql;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;

/**
 * Marks the records a citizen hid from emergency access in the record catalogue ({@code health_record
 * .emergency_visible}), in the same transaction as the event, so no HCP lists or reads a hidden record once the
 * citizen's request returns. A replaced record stays hidden: the mark belongs to its name.
 */
@ProcessingGroup(HiddenRecords.PROCESSING_GROUP)
public class HiddenRecords {

    public static final String PROCESSING_GROUP = "emergency-hidden-records";

    private final Sql sql;

    public HiddenRecords(Sql sql) {
        this.sql = sql;
    }

    @EventHandler
    void on(HealthRecordHiddenFromEmergency event) {
        mark(event.bucket(), event.object(), false);
    }

    @EventHandler
    void on(HealthRecordShownInEmergency event) {
        mark(event.bucket(), event.object(), true);
    }

    private void mark(String bucket, String object, boolean visible) {
        sql.update("UPDATE health_record SET emergency_visible = ? WHERE bucket_name = ? AND object_name = ?", s -> {
            s.setBoolean(1, visible);
            s.setString(2, bucket);
            s.setString(3, object);
        });
    }
}
