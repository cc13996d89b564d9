package eu.sehr.cloud.transparency.log;

import java.util.Objects;

import com.fasterxml.jackson.databind.JsonNode;
import eu.sehr.cloud.audit.api.Actor;

/**
 * What a leaf says about one stored event: the account it is about (null for events about no account), its stable
 * type name, who acted, when (the event store's timestamp, ISO-8601 UTC with milliseconds, as the audit filters
 * use it), its payload, and the salt that keeps a leaf hash from revealing guessable contents.
 */
public record LeafContent(String account, String type, Actor actor, String timestamp, JsonNode payload, String salt) {

    public LeafContent {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(payload, "payload");
        if (salt == null || !LeafSalts.isSalt(salt)) {
            throw new IllegalArgumentException("a leaf salt is 32 lowercase hex characters");
        }
    }
}
