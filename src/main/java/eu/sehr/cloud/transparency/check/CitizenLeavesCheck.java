package eu.sehr.cloud.transparency.check;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.Base64;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import eu.sehr.cloud.transparency.merkle.MerkleHash;
import eu.sehr.cloud.transparency.merkle.ProofVerifier;
import eu.sehr.cloud.transparency.note.Checkpoint;

/** Checks each of a citizen's leaves ({@code GET /citizen/log} entries) against a checkpoint, and lists them. */
public final class CitizenLeavesCheck {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final PrintWriter out;

    public CitizenLeavesCheck(PrintWriter out) {
        this.out = out;
    }

    /** How many leaves were checked. */
    public int verify(JsonNode entries, Checkpoint checkpoint) throws CheckFailure {
        if (!entries.isArray()) {
            throw CheckFailure.cannotCheck("the citizen log answered without entries");
        }
        for (JsonNode entry : entries) {
            long index = entry.path("index").asLong(-1);
            byte[] leaf;
            try {
                leaf = Base64.getDecoder().decode(entry.path("leaf").asText());
            } catch (IllegalArgumentException e) {
                throw CheckFailure.cannotCheck("leaf " + index + " is not base64");
            }
            if (index < 0 || index >= checkpoint.size() || !ProofVerifier.inclusionIsValid(MerkleHash.leaf(leaf), index,
                    checkpoint.size(), LogHttp.hashes(entry.path("proof")), checkpoint.rootHash())) {
                throw CheckFailure.misbehaviour("leaf " + index + " of the citizen is not proven in checkpoint " + checkpoint.size());
            }
            out.println(describe(index, leaf));
        }
        return entries.size();
    }

    private static String describe(long index, byte[] leaf) {
        try {
            JsonNode content = JSON.readTree(leaf);
            return "  leaf " + index + ": " + content.path("timestamp").asText() + " " + content.path("type").asText()
                    + " by " + content.at("/actor/kind").asText() + " " + content.at("/actor/name").asText("");
        } catch (IOException e) {
            return "  leaf " + index;
        }
    }
}
