package eu.sehr.cloud.consent.api;

/** The two consents a citizen signs: cloud storage of the encrypted records, and emergency access by HCOs. */
public enum ConsentPurpose {
    CLOUD("cloud"), HCO("hco");

    private final String path;

    ConsentPurpose(String path) {
        this.path = path;
    }

    /** The purpose's path segment in {@code /citizen/consent/{purpose}}. */
    public String path() {
        return path;
    }

    public static ConsentPurpose fromPath(String path) {
        for (ConsentPurpose purpose : values()) {
            if (purpose.path.equals(path)) {
                return purpose;
            }
        }
        throw new IllegalArgumentException("unknown consent purpose");
    }
}
