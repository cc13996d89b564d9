package eu.sehr.cloud.domain;

/** The caller may not use what they named: someone else's bucket, or another healthcare organisation's (403). */
public final class NotOwner extends Refusal {

    public NotOwner(String message) {
        super(message);
    }
}
