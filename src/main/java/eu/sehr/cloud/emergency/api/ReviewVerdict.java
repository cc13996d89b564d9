package eu.sehr.cloud.emergency.api;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The citizen's verdict on an emergency access, spelled as the API and the stored events spell it. */
public enum ReviewVerdict {
    @JsonProperty("recognised") RECOGNISED,
    @JsonProperty("disputed") DISPUTED;

    public String wire() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
