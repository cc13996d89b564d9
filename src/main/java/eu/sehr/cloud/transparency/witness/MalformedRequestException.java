package eu.sehr.cloud.transparency.witness;

/** A witness request body that does not follow c2sp.org/tlog-witness; answered with 400 Bad Request. */
public final class MalformedRequestException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public MalformedRequestException(String message) {
        super(message);
    }
}
