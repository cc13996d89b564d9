package eu.sehr.cloud.audit.query;

import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.OptionalLong;

import eu.sehr.cloud.infra.Sql;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.eventhandling.StreamingEventProcessor;

/**
 * Read-your-writes for the audit view: waits, bounded, until the projection has passed the last event of an
 * account that was in the event store when the request arrived.
 */
public final class ProjectionFreshness {

    private static final long POLL_MILLIS = 10;

    private final Sql sql;
    private final Serializer serializer;
    private final EventProcessingConfiguration processors;
    private final String processorName;
    private final Duration maxWait;

    public ProjectionFreshness(Sql sql, Serializer serializer, EventProcessingConfiguration processors,
                               String processorName, Duration maxWait) {
        this.sql = sql;
        this.serializer = serializer;
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

    /** True when every segment of the projection has passed the event at {@code position} (read from the token store). */
    public boolean covers(long position) {
        return passed(position);
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
     * Every segment's stored token covers the event: its index is past it and it is not one of the token's gaps (an
     * event of a transaction that committed after later ones were read). The tokens are read from the shared token
     * store, so this holds whichever replica owns the segments.
     */
    private boolean passed(long target) {
        List<TrackingToken> tokens = sql.list("SELECT token, tokenType FROM tokenEntry WHERE processorName = ?",
                s -> s.setString(1, processorName),
                row -> row.getBytes(1) == null ? null : serializer.<byte[], TrackingToken>deserialize(
                        new SimpleSerializedObject<>(row.getBytes(1), byte[].class, row.getString(2), null)));
        TrackingToken event = GapAwareTrackingToken.newInstance(target, Collections.emptySet());
        return !tokens.isEmpty() && tokens.stream().allMatch(token -> token != null && token.covers(event));
    }

    private StreamingEventProcessor processor() {
        return processors.eventProcessor(processorName, StreamingEventProcessor.class).orElse(null);
    }

}
