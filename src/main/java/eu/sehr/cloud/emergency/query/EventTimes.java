package eu.sehr.cloud.emergency.query;

import java.time.Instant;

import eu.sehr.cloud.audit.chain.HashChain;
import org.axonframework.eventhandling.EventMessage;

/** The time an account recorded for its event (covered by the hash chain), or the message's own time. */
final class EventTimes {

    private EventTimes() {
    }

    static Instant occurredAt(EventMessage<?> message) {
        Object occurredAt = message.getMetaData().get(HashChain.OCCURRED_AT);
        return occurredAt == null ? message.getTimestamp() : Instant.parse(occurredAt.toString());
    }
}
