package eu.sehr.cloud.infra.axon;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import javax.annotation.Nonnull;

import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.lifecycle.Lifecycle;
import org.axonframework.lifecycle.Phase;
import org.axonframework.messaging.StreamableMessageSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The event store as the pooled projections read it: their streams call back when events arrive.
 * <p>
 * Axon's embedded event store cannot call back, so a pooled processor that has caught up looks again only every
 * 500 ms, and that showed as projection lag. Here one watcher thread tails the store's cache of recent events, which
 * the store's reader fills from PostgreSQL whichever replica appended, and wakes every open stream's processor once
 * new events are in that cache, where the processor's own stream finds them.
 */
final class NotifyingEventSource implements StreamableMessageSource<TrackedEventMessage<?>>, Lifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(NotifyingEventSource.class);
    private static final long WAIT_MILLIS = 1_000;
    private static final long RETRY_MILLIS = 1_000;

    private final EventStore store;
    private final Set<Runnable> callbacks = ConcurrentHashMap.newKeySet();
    private volatile Thread watcher;

    NotifyingEventSource(EventStore store) {
        this.store = store;
    }

    @Override
    public BlockingStream<TrackedEventMessage<?>> openStream(TrackingToken token) {
        return new NotifyingStream(store.openStream(token));
    }

    @Override
    public TrackingToken createTailToken() {
        return store.createTailToken();
    }

    @Override
    public TrackingToken createHeadToken() {
        return store.createHeadToken();
    }

    @Override
    public TrackingToken createTokenAt(Instant dateTime) {
        return store.createTokenAt(dateTime);
    }

    /** Watches before the processors start and until they have stopped (later phases start later, stop earlier). */
    @Override
    public void registerLifecycleHandlers(@Nonnull LifecycleRegistry lifecycle) {
        lifecycle.onStart(Phase.INBOUND_EVENT_CONNECTORS - 1, this::start);
        lifecycle.onShutdown(Phase.INBOUND_EVENT_CONNECTORS - 1, this::stop);
    }

    /** The watch starts at the head of the store before this returns, so no later event goes unnoticed. */
    void start() {
        BlockingStream<TrackedEventMessage<?>> arrivals = store.openStream(store.createHeadToken());
        Thread thread = new Thread(() -> watch(arrivals), "event-arrivals");
        thread.setDaemon(true);
        watcher = thread;
        thread.start();
    }

    void stop() {
        Thread thread = watcher;
        watcher = null;
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(WAIT_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** A read that fails is retried from the head; meanwhile the processors look for events every 5 s. */
    private void watch(BlockingStream<TrackedEventMessage<?>> opened) {
        BlockingStream<TrackedEventMessage<?>> arrivals = opened;
        try {
            while (watching()) {
                try {
                    if (arrivals == null) {
                        arrivals = store.openStream(store.createHeadToken());
                    }
                    signalArrivals(arrivals);
                } catch (RuntimeException e) {
                    LOG.warn("Watching for new events failed ({}); retrying in {} ms", e.getClass().getSimpleName(), RETRY_MILLIS);
                    if (arrivals != null) {
                        arrivals.close();
                        arrivals = null;
                    }
                    Thread.sleep(RETRY_MILLIS);
                }
            }
        } catch (InterruptedException e) {
            // stopped
        } finally {
            if (arrivals != null) {
                arrivals.close();
            }
        }
    }

    private void signalArrivals(BlockingStream<TrackedEventMessage<?>> arrivals) throws InterruptedException {
        while (watching()) {
            if (arrivals.hasNextAvailable((int) WAIT_MILLIS, TimeUnit.MILLISECONDS)) {
                while (arrivals.hasNextAvailable()) {
                    arrivals.nextAvailable();
                }
                callbacks.forEach(NotifyingEventSource::wake);
            }
        }
    }

    /** A processor that cannot take the call (say, one stopping) must not keep the others from theirs. */
    private static void wake(Runnable processor) {
        try {
            processor.run();
        } catch (RuntimeException e) {
            LOG.debug("A processor could not be woken ({})", e.getClass().getSimpleName());
        }
    }

    private boolean watching() {
        return watcher == Thread.currentThread();
    }

    /** The store's stream, with the availability callback that the store itself does not offer. */
    private final class NotifyingStream implements BlockingStream<TrackedEventMessage<?>> {

        private final BlockingStream<TrackedEventMessage<?>> events;
        private Runnable callback;

        private NotifyingStream(BlockingStream<TrackedEventMessage<?>> events) {
            this.events = events;
        }

        @Override
        public boolean setOnAvailableCallback(Runnable callback) {
            forgetCallback();
            this.callback = callback;
            callbacks.add(callback);
            return true;
        }

        @Override
        public Optional<TrackedEventMessage<?>> peek() {
            return events.peek();
        }

        @Override
        public boolean hasNextAvailable(int timeout, TimeUnit unit) throws InterruptedException {
            return events.hasNextAvailable(timeout, unit);
        }

        @Override
        public TrackedEventMessage<?> nextAvailable() throws InterruptedException {
            return events.nextAvailable();
        }

        @Override
        public void skipMessagesWithPayloadTypeOf(TrackedEventMessage<?> ignoredMessage) {
            events.skipMessagesWithPayloadTypeOf(ignoredMessage);
        }

        @Override
        public void close() {
            forgetCallback();
            events.close();
        }

        private void forgetCallback() {
            if (callback != null) {
                callbacks.remove(callback);
            }
        }
    }
}
