package eu.sehr.cloud.audit.query;

import java.time.Duration;
import java.util.Collections;
import java.util.OptionalLong;

import eu.sehr.cloud.infra.Sql;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.StreamingEventProcessor;

/**
 * Read-your-writes for the audit view: waits, bounded, until the projection has passed the last event of an
 * account that was in the event store when the request arrived.
 */
public final class ProjectionFreshness {

    private static final long POLL_MILLIS = 5;

    private final Sql sql;
    private final EventProcessingConfiguration processors;
    private final String processorName;
    private final Duration maxWait;

    public ProjectionFreshness(Sql sql, EventProcessingConfiguration processors, String processorName, Duration maxWait) {
        this.sql = sql;
        this.processors = processors;
        this.processorName = processorName;
        this.maxWait = maxWait;
    }

    /** True when the view holds every event of the account appended so far; false if the wait timed out. */
    public boolean awaitAccount(String accountId) {
        long target = sql.first("SELECT max(globalIndex) FROM domainEventEntry WHERE aggregateIdentifier = ?",
                s -> s.setString(1, accountId), row -> row.getLong(1)).orElse(0L);
        long deadline = System.nanoTime() + maxWait.toNanos();
        while (!passed(target)) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    /** How far the projection is: the lowest position of its segments, if it runs here. */
    public OptionalLong position() {
        StreamingEventProcessor processor = processor();
        if (processor == null || processor.processingStatus().isEmpty()) {
            return OptionalLong.empty();
        }
        long lowest = Long.MAX_VALUE;
        for (EventTrackerStatus status : processor.processingStatus().values()) {
            OptionalLong position = status.getCurrentPosition();
            lowest = Math.min(lowest, position.orElse(-1));
        }
        return OptionalLong.of(lowest);
    }

    /**
     * Every segment's token covers the event: its index is past it and it is not one of the token's gaps (an event
     * of a transaction that committed after later ones were read).
     */
    private boolean passed(long target) {
        StreamingEventProcessor processor = processor();
        if (processor == null || processor.processingStatus().isEmpty()) {
            return false;
        }
        TrackingToken event = GapAwareTrackingToken.newInstance(target, Collections.emptySet());
        for (EventTrackerStatus status : processor.processingStatus().values()) {
            TrackingToken token = status.getTrackingToken();
            if (token == null || !token.covers(event)) {
                return false;
            }
        }
        return true;
    }

    private StreamingEventProcessor processor() {
        return processors.eventProcessor(processorName, StreamingEventProcessor.class).orElse(null);
    }

}
