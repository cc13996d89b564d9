package eu.sehr.cloud.operations;

import java.util.concurrent.atomic.LongAdder;

import org.axonframework.messaging.Message;
import org.axonframework.monitoring.MessageMonitor;

/** Counts the events the event store accepts, for {@code sehr_events_appended_total}. */
public final class EventAppendCounter implements MessageMonitor<Message<?>> {

    private final LongAdder appended = new LongAdder();

    @Override
    public MonitorCallback onMessageIngested(Message<?> message) {
        return new MonitorCallback() {
            @Override
            public void reportSuccess() {
                appended.increment();
            }

            @Override
            public void reportFailure(Throwable cause) {
                // not appended
            }

            @Override
            public void reportIgnored() {
                // not appended
            }
        };
    }

    public long appended() {
        return appended.sum();
    }
}
