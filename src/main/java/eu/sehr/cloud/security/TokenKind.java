package eu.sehr.cloud.security;

/** What a token lets its bearer do; a token of one kind is refused where another is expected. */
public enum TokenKind {
    CITIZEN, EMERGENCY, HCO, AUDITOR;

    public String claim() {
        return name().toLowerCase();
    }
}
