package eu.sehr.cloud.emergency.api;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A compliance officer's decision on a disputed emergency access, spelled as the API and the stored events spell it. */
public enum DisputeDecision {
    @JsonProperty("justified") JUSTIFIED,
    @JsonProperty("unjustified") UNJUSTIFIED;

    public String wire() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
