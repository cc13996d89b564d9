package eu.sehr.cloud.audit.compliance;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;

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
        return EventLine.of(event.position(), event.citizen(), event.account(), event.sequence(), event.type(),
                event.timestamp(), event.metaData(), event.payload());
    }

    @Override
    public void close() {
        cursor.close();
    }
}
