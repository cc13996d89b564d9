package eu.sehr.cloud.domain;

/** The HCP's emergency access has expired or was ended (the contract's 401). */
public final class AccessEnded extends Refusal {

    public AccessEnded(String message) {
        super(message);
    }
}
