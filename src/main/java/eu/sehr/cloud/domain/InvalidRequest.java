package eu.sehr.cloud.domain;

/** The request itself is malformed: a missing or out-of-range parameter (400). */
public final class InvalidRequest extends Refusal {

    public InvalidRequest(String message) {
        super(message);
    }
}
