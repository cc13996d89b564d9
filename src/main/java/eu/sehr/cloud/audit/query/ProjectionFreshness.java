package eu.sehr.cloud.audit.query;

import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.OptionalLong;
import java.util.stream.Stream;

import eu.sehr.cloud.infra.Sql;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.annotation.AnnotatedHandlerInspector;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.eventhandling.StreamingEventProcessor;

/**
 * Read-your-writes for the audit view: waits, bounded, until the projection has passed the last event of an
 * account that was in the event store when the request arrived and that the view shows. Events the projection does
 * not handle (the citizen's own reads of the view, logins, listings) are not waited for: a processor stores its
 * token late for a batch it had nothing to do with, so waiting for them would make a citizen who reads the view
 * twice in a row wait the whole bound for a line that never comes.
 */
public final class ProjectionFreshness {

    private static final long POLL_MILLIS = 10;

    private final Sql sql;
    private final Serializer serializer;
    private final EventProcessingConfiguration processors;
    private final String processorName;
    private final Duration maxWait;
    private final String[] shownTypes;

    /** @param projection the projection's class: the payload types of its event handlers are the ones waited for */
    public ProjectionFreshness(Sql sql, Serializer serializer, EventProcessingConfiguration processors,
                               String processorName, Class<?> projection, Duration maxWait) {
        this.sql = sql;
        this.serializer = serializer;
        this.processors = processors;
        this.processorName = processorName;
        this.maxWait = maxWait;
        this.shownTypes = AnnotatedHandlerInspector.inspectType(projection).getAllHandlers().values().stream()
                .flatMap(handlers -> handlers.stream())
                // rows name events by the serializer's stable names, older rows by class names
                .flatMap(handler -> Stream.of(handler.payloadType().getName(),
                        serializer.typeForClass(handler.payloadType()).getName()))
                .distinct()
                .toArray(String[]::new);
    }

    /** True when the view holds every event of the account appended so far that it shows; false if the wait timed out. */
    public boolean awaitAccount(String accountId) {
        long target = sql.first("SELECT max(globalIndex) FROM domainEventEntry WHERE aggregateIdentifier = ? "
                        + "AND payloadType = ANY (?)",
                s -> {
                    s.setString(1, accountId);
                    s.setArray(2, s.getConnection().createArrayOf("varchar", shownTypes));
                }, row -> row.getLong(1)).orElse(0L);
        long deadline = System.nanoTime() + maxWait.toNanos();
        while (!passed(accountId, target)) {
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
        List<SegmentToken> tokens = tokens();
        TrackingToken event = GapAwareTrackingToken.newInstance(position, Collections.emptySet());
        return !tokens.isEmpty() && tokens.stream().allMatch(token -> token.token() != null && token.token().covers(event));
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
     * The stored token of the segment that projects this account (the processor sequences events per aggregate)
     * covers the event: its index is past it and it is not one of the token's gaps (an event of a transaction that
     * committed after later ones were read). The other segments are not asked: they store their tokens late while
     * they have nothing to do. The tokens are read from the shared token store, so this holds whichever replica owns
     * the segments.
     */
    private boolean passed(String accountId, long target) {
        List<SegmentToken> tokens = tokens();
        if (tokens.isEmpty()) {
            return false;
        }
        Segment[] segments = Segment.computeSegments(tokens.stream().mapToInt(SegmentToken::segment).toArray());
        TrackingToken event = GapAwareTrackingToken.newInstance(target, Collections.emptySet());
        for (Segment segment : segments) {
            if (segment.matches(accountId)) {
                return tokens.stream().filter(token -> token.segment() == segment.getSegmentId())
                        .allMatch(token -> token.token() != null && token.token().covers(event));
            }
        }
        return false;
    }

    private List<SegmentToken> tokens() {
        return sql.list("SELECT segment, token, tokenType FROM tokenEntry WHERE processorName = ?",
                s -> s.setString(1, processorName),
                row -> new SegmentToken(row.getInt(1), row.getBytes(2) == null ? null
                        : serializer.<byte[], TrackingToken>deserialize(
                                new SimpleSerializedObject<>(row.getBytes(2), byte[].class, row.getString(3), null))));
    }

    private record SegmentToken(int segment, TrackingToken token) {
    }

    private StreamingEventProcessor processor() {
        return processors.eventProcessor(processorName, StreamingEventProcessor.class).orElse(null);
    }

}
