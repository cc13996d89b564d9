package eu.sehr.cloud.infra.axon;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class NotifyingEventSourceTest {

    private static final Duration PATIENCE = Duration.ofSeconds(10);

    private EmbeddedEventStore store;
    private NotifyingEventSource source;

    @BeforeEach
    void start() {
        store = EmbeddedEventStore.builder().storageEngine(new InMemoryEventStorageEngine()).build();
        source = new NotifyingEventSource(store);
        source.start();
    }

    @AfterEach
    void stop() {
        source.stop();
        store.shutDown();
    }

    @Test
    void should_call_back_a_stream_once_an_event_can_be_read_from_it() throws InterruptedException {
        BlockingStream<TrackedEventMessage<?>> stream = source.openStream(null);
        CountDownLatch arrived = new CountDownLatch(1);

        assertThat(stream.setOnAvailableCallback(arrived::countDown)).isTrue();
        store.publish(GenericEventMessage.asEventMessage("first"));

        assertThat(arrived.await(PATIENCE.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
        assertThat(stream.hasNextAvailable()).isTrue();
        assertThat(stream.nextAvailable().getPayload()).isEqualTo("first");
        stream.close();
    }

    @Test
    void should_no_longer_call_back_a_closed_stream() throws InterruptedException {
        BlockingStream<TrackedEventMessage<?>> closed = source.openStream(null);
        AtomicInteger closedCalls = new AtomicInteger();
        closed.setOnAvailableCallback(closedCalls::incrementAndGet);
        closed.close();
        BlockingStream<TrackedEventMessage<?>> open = source.openStream(null);
        CountDownLatch arrived = new CountDownLatch(1);
        open.setOnAvailableCallback(arrived::countDown);

        store.publish(GenericEventMessage.asEventMessage("second"));

        assertThat(arrived.await(PATIENCE.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
        assertThat(closedCalls).hasValue(0);
        open.close();
    }
}
