package eu.sehr.cloud.transparency.log;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import eu.sehr.cloud.infra.CanonicalJson;
import eu.sehr.cloud.transparency.merkle.MerkleHash;

/**
 * A leaf's bytes, as API.md defines them: the UTF-8 canonical JSON (sorted keys, no whitespace) of
 * {@code {"account", "actor": {"hco", "kind", "name"}, "payload", "salt", "timestamp", "type"}}.
 */
public final class LeafEncoder {

    private final ObjectMapper mapper;
    private final CanonicalJson canonical;

    public LeafEncoder(ObjectMapper mapper) {
        this.mapper = mapper;
        this.canonical = new CanonicalJson(mapper.getFactory());
    }

    public byte[] bytes(LeafContent content) {
        ObjectNode leaf = mapper.createObjectNode();
        leaf.put("account", content.account());
        ObjectNode actor = leaf.putObject("actor");
        actor.put("hco", content.actor().hco());
        actor.put("kind", content.actor().kind());
        actor.put("name", content.actor().name());
        leaf.set("payload", content.payload());
        leaf.put("salt", content.salt());
        leaf.put("timestamp", content.timestamp());
        leaf.put("type", content.type());
        return canonical.bytes(leaf);
    }

    /** The RFC 9162 leaf hash of the leaf of {@code content}. */
    public byte[] hash(LeafContent content) {
        return MerkleHash.leaf(bytes(content));
    }
}
