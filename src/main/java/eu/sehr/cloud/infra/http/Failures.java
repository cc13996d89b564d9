package eu.sehr.cloud.infra.http;

import java.io.IOException;
import java.sql.SQLException;

import eu.sehr.cloud.domain.Refusal;
import eu.sehr.cloud.infra.Sql;
import eu.sehr.cloud.infra.StoreUnavailableException;
import org.axonframework.common.AxonTransientException;
import org.axonframework.common.jdbc.JdbcException;
import org.axonframework.eventsourcing.eventstore.EventStoreException;

/**
 * Turns whatever stopped a request into the refusal the client sees: its own (a domain refusal through
 * {@link RefusalStatuses}, also when Axon wraps it), 408 for a body sent too slowly, 400 for a body cut off by the client,
 * 503 for stores, else 500.
 */
public final class Failures {

    private Failures() {
    }

    public static ApiException classify(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ApiException refusal) {
                return refusal;
            }
            if (cause instanceof Refusal refusal) {
                return RefusalStatuses.of(refusal);
            }
            if (cause instanceof ResponseStreamer.ClientStoppedReading) {
                return new ApiException(408, "the client stopped reading the response; it was cut off");
            }
            if (cause instanceof RequestBodyStream.SlowBodyException) {
                return new ApiException(408, "the request body arrived too slowly; nothing was stored");
            }
            if (cause instanceof RequestBodyStream.IncompleteBodyException) {
                return ApiException.badRequest("the request body ended early or stalled; nothing was stored");
            }
        }
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof Sql.InvalidValue) {
                return ApiException.badRequest("a value is too long or malformed");
            }
            if (isStoreFailure(cause)) {
                return ApiException.unavailable("a store is unavailable; nothing was changed, try again later");
            }
        }
        return new ApiException(500, "internal error");
    }

    private static boolean isStoreFailure(Throwable cause) {
        return cause instanceof StoreUnavailableException
                || cause instanceof SQLException
                || cause instanceof JdbcException
                || cause instanceof EventStoreException
                || cause instanceof AxonTransientException
                || cause instanceof IOException
                || cause.getClass().getName().startsWith("io.minio.")
                || cause.getClass().getName().startsWith("com.mongodb.");
    }
}
