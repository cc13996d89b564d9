package eu.sehr.cloud.audit.chain;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import eu.sehr.cloud.audit.api.Actor;
import eu.sehr.cloud.infra.CanonicalJson;
import eu.sehr.cloud.infra.Hashes;
import eu.sehr.cloud.transparency.log.EventNames;
import org.axonframework.messaging.MetaData;

/**
 * The tamper-evident chain over each account's event stream: {@code hash = SHA-256(prevHash ‖ canonical event)}.
 * The canonical event is JSON with sorted keys of the account, sequence, payload type, payload, actor, time and
 * previous hash, so it can be recomputed from the event store's rows alone.
 *
 * <p>The payload type hashed is the one the row stores: the stable name ({@link EventNames#storedTypeOf}) for events
 * stored since stable names are, the Java class name for rows stored before. Old links are never re-hashed, and
 * verification recomputes every link from its row's stored type, so both kinds verify and renaming a class changes
 * neither.
 */
public final class HashChain {

    public static final String GENESIS = "0".repeat(64);
    public static final String PREV_HASH = "prevHash";
    public static final String HASH = "hash";
    public static final String OCCURRED_AT = "occurredAt";

    private final ObjectMapper mapper;
    private final JsonFactory factory;
    private final EventNames names = new EventNames();

    public HashChain(ObjectMapper mapper) {
        this.mapper = mapper;
        this.factory = mapper.getFactory();
    }

    /** The metadata that links {@code event} after {@code prevHash}: actor, time, previous and own hash. */
    public MetaData link(String prevHash, String account, long sequence, Object event, Actor actor, Instant at) {
        String previous = prevHash == null ? GENESIS : prevHash;
        String occurredAt = at.toString();
        String hash = hash(new ChainedEvent(account, sequence, names.storedTypeOf(event.getClass()),
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

    /**
     * {@code SHA-256(prevHash ‖ canonical JSON)}, the JSON written straight into the digest with every object's
     * keys in sorted order (as Jackson's {@code ORDER_MAP_ENTRIES_BY_KEYS} writes maps).
     */
    public String hash(ChainedEvent event) {
        MessageDigest sha256 = Hashes.sha256();
        sha256.update(event.prevHash().getBytes(StandardCharsets.US_ASCII));
        try (JsonGenerator json = factory.createGenerator(new DigestOutputStream(OutputStream.nullOutputStream(), sha256))) {
            json.writeStartObject();
            json.writeStringField("account", event.account());
            json.writeObjectFieldStart("actor");
            json.writeStringField("hco", event.actor().hco());
            json.writeStringField("kind", event.actor().kind());
            json.writeStringField("name", event.actor().name());
            json.writeEndObject();
            json.writeStringField("occurredAt", event.occurredAt());
            json.writeFieldName("payload");
            CanonicalJson.write(json, event.payload());
            json.writeStringField("prevHash", event.prevHash());
            json.writeNumberField("sequence", event.sequence());
            json.writeStringField("type", event.type());
            json.writeEndObject();
        } catch (IOException e) {
            throw new IllegalStateException("cannot hash an event", e);
        }
        return HexFormat.of().formatHex(sha256.digest());
    }


    /** One link of the chain as the event store holds it. */
    public record ChainedEvent(String account, long sequence, String type, JsonNode payload, Actor actor,
                               String occurredAt, String prevHash) {
    }
}
