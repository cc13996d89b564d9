package eu.sehr.cloud.audit.compliance;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import eu.sehr.cloud.transparency.log.EventNames;

/** One row of the event store, decoded: what compliance tools read and the hash chain is recomputed from. */
public record StoredEvent(long position, String citizen, String account, Long sequence, String payloadType,
                          String timestamp, Map<String, Object> metaData, JsonNode payload) {

    private static final EventNames NAMES = new EventNames();

    /** The event's stable name, e.g. {@code HealthRecordDownloaded}, whether the row stores it or a class name. */
    public String type() {
        return NAMES.exportedNameOf(payloadType);
    }
}
