package eu.sehr.cloud.notifications;

import java.time.Duration;
import java.time.Instant;

/**
 * When to try a failed notification again: after {@code initialBackoff}, doubling with every attempt up to
 * {@code maxBackoff}, for as long as {@code retryFor} after its event; then it is given up.
 */
public record RetryPolicy(Duration initialBackoff, Duration maxBackoff, Duration retryFor) {

    /** The wait after the given number of failed attempts (1 for the first failure). */
    public Duration backoffAfter(int attempts) {
        int doublings = Math.max(0, Math.min(attempts - 1, 30));
        Duration backoff = initialBackoff.multipliedBy(1L << doublings);
        return backoff.compareTo(maxBackoff) > 0 ? maxBackoff : backoff;
    }

    /** Whether a notification created at {@code createdAt} is still to be tried at {@code now}. */
    public boolean stillTrying(Instant createdAt, Instant now) {
        return now.isBefore(createdAt.plus(retryFor));
    }
}
