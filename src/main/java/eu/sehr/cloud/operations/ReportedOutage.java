package eu.sehr.cloud.operations;

/**
 * A dependency of background work is unavailable, and {@link DependencyOutage} has said so in the log: whoever
 * catches this (the event processor, which retries) need not log it again ({@link ReportedOutageFilter}).
 */
public final class ReportedOutage extends RuntimeException {

    ReportedOutage(String message, Throwable cause) {
        super(message, cause, false, false);
    }
}
