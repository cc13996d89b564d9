package eu.sehr.cloud.infra;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * JSON in one canonical form: every object's keys in sorted (UTF-16 code unit) order, no insignificant
 * whitespace, UTF-8. The same tree always gives the same bytes, whichever way it was built or parsed: the
 * transparency log's leaves and the hash chain's payloads are written this way.
 */
public final class CanonicalJson {

    private final JsonFactory factory;

    public CanonicalJson(JsonFactory factory) {
        this.factory = factory;
    }

    public byte[] bytes(JsonNode node) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator json = factory.createGenerator(out)) {
            write(json, node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Writes the tree canonically into a generator (one that writes, say, straight into a digest). */
    public static void write(JsonGenerator json, JsonNode node) throws IOException {
        if (node.isObject()) {
            List<String> names = new ArrayList<>();
            node.fieldNames().forEachRemaining(names::add);
            Collections.sort(names);
            json.writeStartObject();
            for (String name : names) {
                json.writeFieldName(name);
                write(json, node.get(name));
            }
            json.writeEndObject();
        } else if (node.isArray()) {
            json.writeStartArray();
            for (JsonNode element : node) {
                write(json, element);
            }
            json.writeEndArray();
        } else {
            json.writeTree(node);
        }
    }
}
