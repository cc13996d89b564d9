package eu.sehr.cloud.audit.chain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import eu.sehr.cloud.audit.api.Actor;
import eu.sehr.cloud.infra.Hashes;
import org.axonframework.messaging.MetaData;

/**
 * The tamper-evident chain over each account's event stream: {@code hash = SHA-256(prevHash ‖ canonical event)}.
 * The canonical event is JSON with sorted keys of the account, sequence, payload type, payload, actor, time and
 * previous hash, so it can be recomputed from the event store's rows alone.
 */
public final class HashChain {

    public static final String GENESIS = "0".repeat(64);
    public static final String PREV_HASH = "prevHash";
    public static final String HASH = "hash";
    public static final String OCCURRED_AT = "occurredAt";

    private final ObjectMapper mapper;
    private final ObjectMapper canonical;

    public HashChain(ObjectMapper mapper) {
        this.mapper = mapper;
        this.canonical = mapper.copy().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
    }

    /** The metadata that links {@code event} after {@code prevHash}: actor, time, previous and own hash. */
    public MetaData link(String prevHash, String account, long sequence, Object event, Actor actor, Instant at) {
        String previous = prevHash == null ? GENESIS : prevHash;
        String occurredAt = at.toString();
        String hash = hash(new ChainedEvent(account, sequence, event.getClass().getName(),
                mapper.valueToTree(event), actor, occurredAt, previous));
        Map<String, Object> metaData = new LinkedHashMap<>();
        metaData.put(Actor.KIND, actor.kind());
        metaData.put(Actor.NAME, actor.name());
        metaData.put(Actor.HCO, actor.hco());
        metaData.put(OCCURRED_AT, occurredAt);
        metaData.put(PREV_HASH, previous);
        metaData.put(HASH, hash);
        return MetaData.from(metaData);
    }

    public String hash(ChainedEvent event) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("account", event.account());
        document.put("sequence", event.sequence());
        document.put("type", event.type());
        document.put("payload", asPlainValue(event.payload()));
        Map<String, Object> actor = new LinkedHashMap<>();
        actor.put("kind", event.actor().kind());
        actor.put("name", event.actor().name());
        actor.put("hco", event.actor().hco());
        document.put("actor", actor);
        document.put("occurredAt", event.occurredAt());
        document.put("prevHash", event.prevHash());
        try {
            MessageDigest sha256 = Hashes.sha256();
            sha256.update(event.prevHash().getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(sha256.digest(canonical.writeValueAsBytes(document)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot hash an event", e);
        }
    }

    private Object asPlainValue(JsonNode node) {
        try {
            return mapper.treeToValue(node, Object.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot read an event payload", e);
        }
    }

    /** One link of the chain as the event store holds it. */
    public record ChainedEvent(String account, long sequence, String type, JsonNode payload, Actor actor,
                               String occurredAt, String prevHash) {
    }
}
