package eu.sehr.cloud.audit.api;

import java.util.Map;

/**
 * Who caused an event: its kind (CITIZEN, HCP, AUDITOR, SYSTEM, ANONYMOUS), a name (username, HCP name, auditor name)
 * and for HCPs the healthcare organisation's name. Kept in each event's metadata.
 */
public record Actor(String kind, String name, String hco) {

    public static final String KIND = "actorKind";
    public static final String NAME = "actorName";
    public static final String HCO = "actorHco";

    public static Actor citizen(String username) {
        return new Actor("CITIZEN", username, null);
    }

    public static Actor hcp(String hcpName, String hcoName) {
        return new Actor("HCP", hcpName, hcoName);
    }

    public static Actor auditor(String name) {
        return new Actor("AUDITOR", name, null);
    }

    /** The service itself, e.g. recording that an emergency access expired. */
    public static Actor system() {
        return new Actor("SYSTEM", "sehr-cloud", null);
    }

    public static Actor anonymous() {
        return new Actor("ANONYMOUS", null, null);
    }

    public static Actor fromMetaData(Map<String, ?> metaData) {
        return new Actor((String) metaData.get(KIND), (String) metaData.get(NAME), (String) metaData.get(HCO));
    }
}
