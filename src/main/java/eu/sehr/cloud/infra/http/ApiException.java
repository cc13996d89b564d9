package eu.sehr.cloud.infra.http;

/**
 * A refusal that the client may read: its status and message become the contract's error body
 * {@code {"msg": ..., "errorCode": ...}}. Messages never carry tokens, passwords, record bytes or internal detail.
 */
public class ApiException extends RuntimeException {

    private final int status;
    private final boolean audited;

    public ApiException(int status, String message) {
        this(status, message, false);
    }

    private ApiException(int status, String message, boolean audited) {
        super(message, null, false, false);
        this.status = status;
        this.audited = audited;
    }

    public int status() {
        return status;
    }

    /** True when the step that refused already appended the refusal's event. */
    public boolean isAudited() {
        return audited;
    }

    public ApiException audited() {
        return new ApiException(status, getMessage(), true);
    }

    public static ApiException badRequest(String message) {
        return new ApiException(400, message);
    }

    public static ApiException unauthorized(String message) {
        return new ApiException(401, message);
    }

    public static ApiException forbidden(String message) {
        return new ApiException(403, message);
    }

    public static ApiException notFound(String message) {
        return new ApiException(404, message);
    }

    public static ApiException conflict(String message) {
        return new ApiException(409, message);
    }

    public static ApiException unsupportedMediaType(String message) {
        return new ApiException(415, message);
    }

    public static ApiException tooManyRequests(String message) {
        return new ApiException(429, message);
    }

    public static ApiException unavailable(String message) {
        return new ApiException(503, message);
    }
}
