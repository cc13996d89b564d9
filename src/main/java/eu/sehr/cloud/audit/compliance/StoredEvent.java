package eu.sehr.cloud.audit.compliance;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/** One row of the event store, decoded: what compliance tools read and the hash chain is recomputed from. */
public record StoredEvent(long position, String citizen, String account, Long sequence, String payloadType,
                          String timestamp, Map<String, Object> metaData, JsonNode payload) {

    /** The event type without its package and enclosing class, e.g. {@code HealthRecordDownloaded}. */
    public String type() {
        int cut = Math.max(payloadType.lastIndexOf('.'), payloadType.lastIndexOf('$'));
        return payloadType.substring(cut + 1);
    }
}
