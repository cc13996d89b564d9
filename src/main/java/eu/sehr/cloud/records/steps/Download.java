package eu.sehr.cloud.records.steps;

import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

import eu.sehr.cloud.records.query.RecordEntry;
import eu.sehr.cloud.storage.StoredObject;

/** An open record on its way to the client, with what its response headers say. */
public record Download(StoredObject content, RecordEntry entry) {

    /** The record's digest headers: {@code ETag} (hex SHA-256), {@code Digest} (RFC 3230) and {@code Content-Digest} (RFC 9530). */
    public Map<String, String> headers() {
        String base64 = Base64.getEncoder().encodeToString(HexFormat.of().parseHex(entry.sha256()));
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("ETag", "\"" + entry.sha256() + "\"");
        headers.put("Digest", "sha-256=" + base64);
        headers.put("Content-Digest", "sha-256=:" + base64 + ":");
        return headers;
    }

    public long length() {
        return entry.size();
    }
}
