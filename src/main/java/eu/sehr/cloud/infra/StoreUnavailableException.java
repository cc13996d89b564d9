package eu.sehr.cloud.infra;

/** A store (database, event store, object storage, views) cannot be reached: the request is refused with 503. */
public class StoreUnavailableException extends RuntimeException {
    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
