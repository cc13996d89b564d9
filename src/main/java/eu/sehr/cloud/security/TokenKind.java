package eu.sehr.cloud.security;

/** What a token lets its bearer do; a token of one kind is refused where another is expected. */
public enum TokenKind {
    CITIZEN, EMERGENCY, HCP, AUDITOR;

    /**
     * The claim an HCP token carried before the kind was named {@code hcp}: still accepted on read, for the
     * lifetime of the tokens issued before the upgrade (at most one emergency access TTL); never written.
     */
    private static final String LEGACY_HCP_CLAIM = "hco";

    /** The {@code kind} claim written into a token of this kind. */
    public String claim() {
        return name().toLowerCase();
    }

    /** A token whose {@code kind} claim is {@code claim} is of this kind. */
    public boolean matches(String claim) {
        return claim().equals(claim) || (this == HCP && LEGACY_HCP_CLAIM.equals(claim));
    }
}
