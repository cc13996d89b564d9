package eu.sehr.cloud.domain;

/** What the request names does not exist for this caller (404). */
public final class NotFound extends Refusal {

    public NotFound(String message) {
        super(message);
    }
}
