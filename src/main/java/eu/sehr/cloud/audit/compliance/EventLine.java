package eu.sehr.cloud.audit.compliance;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import eu.sehr.cloud.audit.api.Actor;
import eu.sehr.cloud.audit.chain.HashChain;

/**
 * The public shape of one stored event, a line of {@code GET /audit/events} (API.md) and the body that extension
 * routes receive: position, citizen, account, sequence, type, timestamp, actor {kind, name, hco}, payload, prevHash,
 * hash, in that order. Built here only, for the NDJSON export and for the extension events alike.
 */
public final class EventLine {

    private EventLine() {
    }

    /**
     * @param timestamp the store's time of the event, used when its metadata has no {@code occurredAt}
     * @param payload   the payload as plain JSON values (or a JSON tree)
     * @return an unmodifiable map in the line's key order
     */
    public static Map<String, Object> of(Long position, String citizen, String account, Long sequence, String type,
                                         Object timestamp, Map<String, ?> metaData, Object payload) {
        Actor actor = Actor.fromMetaData(metaData);
        Map<String, Object> actorJson = new LinkedHashMap<>();
        actorJson.put("kind", actor.kind());
        actorJson.put("name", actor.name());
        actorJson.put("hco", actor.hco());
        Object occurredAt = metaData.get(HashChain.OCCURRED_AT);
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("position", position);
        line.put("citizen", citizen);
        line.put("account", account);
        line.put("sequence", sequence);
        line.put("type", type);
        line.put("timestamp", occurredAt != null ? occurredAt : timestamp);
        line.put("actor", Collections.unmodifiableMap(actorJson));
        line.put("payload", payload);
        line.put("prevHash", metaData.get(HashChain.PREV_HASH));
        line.put("hash", metaData.get(HashChain.HASH));
        return Collections.unmodifiableMap(line);
    }
}
