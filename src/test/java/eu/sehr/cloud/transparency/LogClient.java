package eu.sehr.cloud.transparency;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import eu.sehr.cloud.support.Api;
import eu.sehr.cloud.transparency.note.Checkpoint;
import eu.sehr.cloud.transparency.note.SignedNote;
import eu.sehr.cloud.transparency.note.TrustedNoteKeys;
import eu.sehr.cloud.transparency.note.VerifierKey;

import static org.awaitility.Awaitility.await;

/** What a verifier who trusts only the log's key does over HTTP: read, verify and wait for checkpoints. */
final class LogClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Api api;
    private final VerifierKey key;

    LogClient(Api api) {
        this.api = api;
        this.key = VerifierKey.parse(api.get("/log/key", null).expect(200).text().strip());
    }

    VerifierKey key() {
        return key;
    }

    /** The latest checkpoint, its log signature verified. */
    Checkpoint checkpoint() {
        return Checkpoint.parse(verifiedNote().text());
    }

    SignedNote verifiedNote() {
        SignedNote note = SignedNote.parse(api.get("/log/checkpoint", null).expect(200).text());
        new TrustedNoteKeys(List.of(key.verifier())).verify(note);
        return note;
    }

    /** Waits (within the maximum merge delay and some) for a checkpoint of at least {@code size} leaves. */
    Checkpoint checkpointCovering(long size) {
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100)).until(() -> checkpoint().size() >= size);
        return checkpoint();
    }

    /** The claims of a receipt, after checking its header and its Ed25519 signature by the log key. */
    JsonNode receiptClaims(String receipt) throws Exception {
        String[] parts = receipt.split("\\.");
        if (parts.length != 3) {
            throw new AssertionError("not a compact JWS: " + receipt);
        }
        JsonNode header = JSON.readTree(Base64.getUrlDecoder().decode(parts[0]));
        if (!"EdDSA".equals(header.path("alg").asText())
                || !header.path("kid").asText().equals(key.encoded().split("\\+")[1])) {
            throw new AssertionError("unexpected receipt header " + header);
        }
        byte[] input = (parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII);
        if (!key.verifier().verify(input, Base64.getUrlDecoder().decode(parts[2]))) {
            throw new AssertionError("the receipt is not signed by the log key");
        }
        return JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
    }

    static List<byte[]> hashes(JsonNode array) {
        List<byte[]> hashes = new ArrayList<>();
        array.forEach(hash -> hashes.add(Base64.getDecoder().decode(hash.asText())));
        return hashes;
    }
}
