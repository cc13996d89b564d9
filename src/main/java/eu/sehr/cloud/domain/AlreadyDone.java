package eu.sehr.cloud.domain;

/** What was asked has already happened and may happen only once: an access ended, reviewed, decided (409). */
public final class AlreadyDone extends Refusal {

    public AlreadyDone(String message) {
        super(message);
    }
}
