package eu.sehr.cloud.extensions;

import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import eu.sehr.cloud.audit.compliance.EventLine;
import eu.sehr.cloud.infra.Times;
import eu.sehr.cloud.transparency.log.EventNames;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;

/**
 * The public shape of one stored event ({@link EventLine}, the same as a line of {@code GET /audit/events}) for an
 * event that a processor hands over: this is what extension routes receive as their body, a map that keeps the
 * line's key order, so it serializes to the NDJSON line.
 * The payload is plain JSON values (maps, lists, strings, numbers), so routes can also read it with the simple
 * language, e.g. {@code ${body[payload][object]}}.
 */
public final class PublicEvent {

    private static final EventNames NAMES = new EventNames();

    private PublicEvent() {
    }

    /**
     * The event as its public map.
     *
     * @param position the event's global position in the event store (null if unknown)
     * @param citizen  the username of the event's account (null for events on no account's stream)
     */
    public static Map<String, Object> of(EventMessage<?> message, Long position, String citizen, ObjectMapper mapper) {
        DomainEventMessage<?> ofAccount = ofAccount(message);
        return EventLine.of(position, citizen, ofAccount == null ? null : ofAccount.getAggregateIdentifier(),
                ofAccount == null ? null : ofAccount.getSequenceNumber(), typeOf(message), Times.iso(message.getTimestamp()),
                message.getMetaData(), plainValue(message.getPayload(), mapper));
    }

    /** The account whose stream holds the event, or null (events appended without an aggregate, e.g. auditor logins). */
    public static String accountOf(EventMessage<?> message) {
        DomainEventMessage<?> ofAccount = ofAccount(message);
        return ofAccount == null ? null : ofAccount.getAggregateIdentifier();
    }

    /** The event's stable name, e.g. {@code HealthRecordDownloaded}, as {@code GET /audit/events} shows it. */
    static String typeOf(EventMessage<?> message) {
        return NAMES.exportedNameOf(NAMES.storedTypeOf(message.getPayloadType()));
    }

    /**
     * The event store keeps events without an aggregate as domain events of no aggregate type, with their own id
     * as aggregate id; like the NDJSON export, only events with an aggregate type are on an account's stream.
     */
    private static DomainEventMessage<?> ofAccount(EventMessage<?> message) {
        if (message instanceof DomainEventMessage<?> domain && domain.getType() != null) {
            return domain;
        }
        return null;
    }

    private static Object plainValue(Object payload, ObjectMapper mapper) {
        try {
            return mapper.treeToValue(mapper.valueToTree(payload), Object.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot convert an event payload to JSON values", e);
        }
    }
}
