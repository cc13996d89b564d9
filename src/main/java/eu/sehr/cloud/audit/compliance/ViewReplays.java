package eu.sehr.cloud.audit.compliance;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import eu.sehr.cloud.audit.query.ProjectionFreshness;
import eu.sehr.cloud.infra.http.ApiException;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;

/**
 * Rebuilds the audit views from the first event: the projection's processor is stopped, its tokens reset (its
 * reset handler empties the view) and started again; progress is its position against the store's head when the
 * replay began.
 */
public final class ViewReplays {

    private final EventProcessingConfiguration processors;
    private final String processorName;
    private final ProjectionFreshness freshness;
    private final EventStoreReader reader;
    private final Map<String, Long> started = new ConcurrentHashMap<>();

    public ViewReplays(EventProcessingConfiguration processors, String processorName, ProjectionFreshness freshness,
                       EventStoreReader reader) {
        this.processors = processors;
        this.processorName = processorName;
        this.freshness = freshness;
        this.reader = reader;
    }

    /** Starts a replay; its id. */
    public synchronized String start() {
        StreamingEventProcessor processor = processors.eventProcessor(processorName, StreamingEventProcessor.class)
                .orElseThrow(() -> new IllegalStateException("no processor " + processorName));
        long total = reader.headPosition();
        processor.shutDown();
        processor.resetTokens();
        processor.start();
        String id = UUID.randomUUID().toString();
        started.put(id, total);
        return id;
    }

    public ReplayStatus status(String replayId) {
        Long total = replayId == null ? null : started.get(replayId);
        if (total == null) {
            throw ApiException.notFound("no such replay");
        }
        long processed = Math.min(total, Math.max(0, freshness.position().orElse(0)));
        return new ReplayStatus(processed >= total ? "done" : "running", processed, total);
    }

    /** {@code state} is {@code running} or {@code done}; {@code processed} of {@code total} events. */
    public record ReplayStatus(String state, long processed, long total) {
        public boolean done() {
            return "done".equals(state);
        }
    }
}
