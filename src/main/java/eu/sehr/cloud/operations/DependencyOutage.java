package eu.sehr.cloud.operations;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import eu.sehr.cloud.infra.StoreFailure;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The calls of background work (an event processor) to one dependency, e.g. MongoDB for the audit views: while the
 * dependency fails, one log line names it and the reason, calls back off (2 s, doubling up to 30 s: in between they
 * fail at once, without reaching the dependency), and one line says when it is back. Each failure is thrown as a
 * {@link ReportedOutage}, so that the processor retries the work later and nothing is skipped.
 */
public final class DependencyOutage {

    private static final Logger LOG = LoggerFactory.getLogger(DependencyOutage.class);
    static final Duration FIRST_WAIT = Duration.ofSeconds(2);
    static final Duration LONGEST_WAIT = Duration.ofSeconds(30);
    private static final int MAX_REASON = 200;

    private final String dependency;
    private final String work;
    private final Clock clock;
    private int failures;
    private Instant since;
    private Instant nextAttempt = Instant.MIN;
    private Duration wait = FIRST_WAIT;

    /**
     * @param dependency what is called, e.g. "MongoDB (the audit views) at mongodb://mongo:27017"
     * @param work       who calls it, e.g. "the audit-citizen-view processor"
     */
    public DependencyOutage(String dependency, String work, Clock clock) {
        this.dependency = dependency;
        this.work = work;
        this.clock = clock;
    }

    /** Runs the call, unless the dependency failed and its next attempt is not due yet. */
    public void run(Runnable call) {
        synchronized (this) {
            if (failures > 0 && clock.instant().isBefore(nextAttempt)) {
                throw new ReportedOutage(dependency + " is unavailable; next attempt at " + nextAttempt, null);
            }
        }
        try {
            call.run();
        } catch (RuntimeException e) {
            throw failed(e);
        }
        succeeded();
    }

    private synchronized ReportedOutage failed(RuntimeException e) {
        Instant now = clock.instant();
        if (failures == 0) {
            since = now;
            wait = FIRST_WAIT;
        } else {
            wait = wait.multipliedBy(2).compareTo(LONGEST_WAIT) > 0 ? LONGEST_WAIT : wait.multipliedBy(2);
        }
        failures++;
        nextAttempt = now.plus(wait);
        String reason = StoreFailure.reason(e);
        reason = reason.length() > MAX_REASON ? reason.substring(0, MAX_REASON) + "..." : reason;
        LOG.warn("{} is unavailable ({}): {} retries in {} s ({} failed attempts since {})", dependency, reason, work,
                wait.toSeconds(), failures, since);
        return new ReportedOutage(dependency + " is unavailable (" + reason + ")", e);
    }

    private synchronized void succeeded() {
        if (failures > 0) {
            LOG.info("{} is back: {} goes on ({} failed attempts in {} s)", dependency, work, failures,
                    Duration.between(since, clock.instant()).toSeconds());
            failures = 0;
            nextAttempt = Instant.MIN;
        }
    }
}
