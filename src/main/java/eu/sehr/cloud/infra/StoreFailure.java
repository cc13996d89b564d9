package eu.sehr.cloud.infra;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Optional;

import io.minio.errors.ErrorResponseException;
import io.minio.errors.InvalidResponseException;
import io.minio.errors.XmlParserException;

/**
 * Why a store could not be reached at start-up, in one line that names the store, its URL (redacted) and the
 * setting: connection refused, unknown host, no answer, a server that is not what the setting says, or the store's
 * own refusal. Never a response body or a password.
 */
public final class StoreFailure {

    private StoreFailure() {
    }

    /**
     * @param store   what it is, e.g. "object storage"
     * @param url     where it was looked for
     * @param setting the setting that names it, or a note that it is the embedded default
     */
    public static ConfigurationException of(String store, String url, String setting, Throwable failure) {
        return new ConfigurationException(store + " at " + Redacted.url(url) + " (" + setting + "): " + reason(failure),
                failure);
    }

    /** The reason of a failure in one line, without bodies or passwords. */
    public static String reason(Throwable failure) {
        Optional<UnknownHostException> unknownHost = cause(failure, UnknownHostException.class);
        if (unknownHost.isPresent()) {
            return "unknown host " + unknownHost.get().getMessage();
        }
        if (cause(failure, ConnectException.class).isPresent()) {
            return "connection refused (is it running, on that host and port?)";
        }
        if (cause(failure, SocketTimeoutException.class).isPresent()) {
            return "no answer in time";
        }
        Optional<InvalidResponseException> notS3 = cause(failure, InvalidResponseException.class);
        if (notS3.isPresent()) {
            return "the server that answered is not an S3 server (" + firstLine(notS3.get().getMessage())
                    .replaceFirst(", body:.*$", "").replaceFirst("^Non-XML response from server\\. ", "") + ")";
        }
        if (cause(failure, XmlParserException.class).isPresent()) {
            return "the server that answered is not an S3 server (its answer is not S3's XML)";
        }
        Optional<ErrorResponseException> refused = cause(failure, ErrorResponseException.class);
        if (refused.isPresent()) {
            return "the S3 server refused: " + refused.get().errorResponse().code() + " ("
                    + firstLine(refused.get().errorResponse().message()) + ")";
        }
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + firstLine(root.getMessage()));
    }

    private static <T extends Throwable> Optional<T> cause(Throwable failure, Class<T> type) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (type.isInstance(cause)) {
                return Optional.of(type.cast(cause));
            }
        }
        return Optional.empty();
    }

    private static String firstLine(String message) {
        return message == null ? "" : message.lines().findFirst().orElse("");
    }
}
