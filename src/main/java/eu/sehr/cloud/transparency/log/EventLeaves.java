package eu.sehr.cloud.transparency.log;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import eu.sehr.cloud.audit.api.Actor;
import eu.sehr.cloud.audit.compliance.StoredEvent;
import eu.sehr.cloud.infra.Times;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;

/**
 * What the leaf of an event says, read either from an event message (when it is appended, and when the sequencer
 * takes it) or from an event store row (when the log is checked against the store): both give the same content
 * for the same stored event.
 *
 * <p>The account is the stream's account for events of a citizen's stream, else the payload's {@code accountId}
 * if it has one, else null.
 */
public final class EventLeaves {

    private static final String ACCOUNT_FIELD = "accountId";
    private static final String ACCOUNTS_FIELD = "accountIds";

    private final ObjectMapper mapper;
    private final EventNames names;

    public EventLeaves(ObjectMapper mapper, EventNames names) {
        this.mapper = mapper;
        this.names = names;
    }

    /** The content of an event message's leaf with the given salt. */
    public LeafContent of(EventMessage<?> event, String salt) {
        JsonNode payload = mapper.valueToTree(event.getPayload());
        String stream = event instanceof DomainEventMessage<?> domain && domain.getType() != null
                ? domain.getAggregateIdentifier() : null;
        return new LeafContent(account(stream, payload), names.of(event.getPayloadType()),
                Actor.fromMetaData(event.getMetaData()), Times.iso(event.getTimestamp()), payload, salt);
    }

    /** The salt stored with an event message, if it has one (events stored before the log have none). */
    public static Optional<String> saltOf(EventMessage<?> event) {
        Object salt = event.getMetaData().get(LeafSalts.META_DATA_KEY);
        return LeafSalts.isSalt(salt) ? Optional.of((String) salt) : Optional.empty();
    }

    /**
     * The content of a stored row's leaf: with the salt stored with the event, or else {@code fallbackSalt} (the
     * one the log drew for an event stored before it); empty if the row's type has no stable name.
     */
    public Optional<LeafContent> of(StoredEvent row, String fallbackSalt) {
        Object stored = row.metaData().get(LeafSalts.META_DATA_KEY);
        String salt = LeafSalts.isSalt(stored) ? (String) stored : fallbackSalt;
        return names.ofStoredType(row.payloadType()).map(type -> new LeafContent(account(row.account(), row.payload()),
                type, Actor.fromMetaData(row.metaData()), row.timestamp(), row.payload(), salt));
    }

    /**
     * The accounts a leaf names besides its own: those of its payload's {@code accountIds} (a bulk export names every
     * account whose events it returned), each once.
     */
    public static List<String> linkedAccounts(LeafContent content) {
        Set<String> linked = new LinkedHashSet<>();
        for (JsonNode account : content.payload().path(ACCOUNTS_FIELD)) {
            if (account.isTextual() && !account.asText().equals(content.account())) {
                linked.add(account.asText());
            }
        }
        return List.copyOf(linked);
    }

    private static String account(String stream, JsonNode payload) {
        if (stream != null) {
            return stream;
        }
        JsonNode account = payload.get(ACCOUNT_FIELD);
        return account != null && account.isTextual() ? account.asText() : null;
    }
}
