package eu.sehr.cloud.emergency.steps;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import eu.sehr.cloud.emergency.api.EndExpiredAccessesCommand;
import eu.sehr.cloud.emergency.query.OpenAccesses;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records the end of emergency accesses that expired: every interval, each account with an expired, still-open
 * access gets an {@link EndExpiredAccessesCommand}. Idempotent, so replicas sweeping together do no harm.
 */
public final class AccessEndSweeper implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AccessEndSweeper.class);

    private final OpenAccesses openAccesses;
    private final CommandGateway commands;
    private final Clock clock;
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "emergency-access-sweeper");
        thread.setDaemon(true);
        return thread;
    });

    public AccessEndSweeper(OpenAccesses openAccesses, CommandGateway commands, Clock clock) {
        this.openAccesses = openAccesses;
        this.commands = commands;
        this.clock = clock;
    }

    public void start(Duration interval) {
        executor.scheduleWithFixedDelay(this::sweep, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    void sweep() {
        try {
            Instant now = clock.instant();
            for (String account : openAccesses.accountsWithExpiredAccess(now)) {
                commands.sendAndWait(new EndExpiredAccessesCommand(account, now));
            }
        } catch (RuntimeException e) {
            LOG.warn("Sweeping expired emergency accesses failed, retrying at the next interval: {}", e.getClass().getName());
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
