package eu.sehr.cloud.audit.query;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One line of a citizen's audit view: the event it comes from (its id makes re-delivery harmless), the account,
 * the event's position in the store (the view's order), the section of the view, and the line as the contract
 * shows it.
 */
public record AuditEntry(String eventId, String accountId, long position, String section, Map<String, Object> item) {

    public static final String UPLOADED = "hr_info.uploaded";
    public static final String DOWNLOADED = "hr_info.downloaded";
    public static final String HCO_GRANTED = "hco.granted_access";
    public static final String HCO_DOWNLOADED = "hco.downloaded";
    public static final String HCO_UPLOADED = "hco.uploaded";
    public static final String HCO_LISTED = "hco.listed";
    public static final String HCO_METADATA_READ = "hco.metadata_read";
    public static final String COMPLIANCE = "compliance";

    /** The MongoDB document: {@code _id} is the event id, so saving the same event twice changes nothing. */
    public Map<String, Object> document() {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("_id", eventId);
        document.put("account", accountId);
        document.put("position", position);
        document.put("section", section);
        document.put("item", item);
        return document;
    }
}
