package eu.sehr.cloud.audit.compliance;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import eu.sehr.cloud.audit.api.Actor;
import eu.sehr.cloud.audit.chain.HashChain;

/**
 * The events of a cursor as NDJSON, produced line by line while the client reads: constant memory whatever the
 * number of events. Closing the stream closes the cursor.
 */
public final class NdjsonEvents extends InputStream {

    private final EventStoreReader.Cursor cursor;
    private final ObjectMapper mapper;
    private byte[] line = new byte[0];
    private int position;
    private boolean done;

    public NdjsonEvents(EventStoreReader.Cursor cursor, ObjectMapper mapper) {
        this.cursor = cursor;
        this.mapper = mapper;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] target, int offset, int length) throws IOException {
        while (position >= line.length) {
            if (done) {
                return -1;
            }
            StoredEvent event = cursor.next();
            if (event == null) {
                done = true;
                return -1;
            }
            line = (mapper.writeValueAsString(lineOf(event)) + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
            position = 0;
        }
        int n = Math.min(length, line.length - position);
        System.arraycopy(line, position, target, offset, n);
        position += n;
        return n;
    }

    static Map<String, Object> lineOf(StoredEvent event) {
        Actor actor = Actor.fromMetaData(event.metaData());
        Map<String, Object> actorJson = new LinkedHashMap<>();
        actorJson.put("kind", actor.kind());
        actorJson.put("name", actor.name());
        actorJson.put("hco", actor.hco());
        Object occurredAt = event.metaData().get(HashChain.OCCURRED_AT);
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("position", event.position());
        line.put("citizen", event.citizen());
        line.put("account", event.account());
        line.put("sequence", event.sequence());
        line.put("type", event.type());
        line.put("timestamp", occurredAt != null ? occurredAt : event.timestamp());
        line.put("actor", actorJson);
        line.put("payload", event.payload());
        line.put("prevHash", event.metaData().get(HashChain.PREV_HASH));
        line.put("hash", event.metaData().get(HashChain.HASH));
        return line;
    }

    @Override
    public void close() {
        cursor.close();
    }
}
