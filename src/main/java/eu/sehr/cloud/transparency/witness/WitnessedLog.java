package eu.sehr.cloud.transparency.witness;

import java.util.Arrays;
import java.util.List;

import eu.sehr.cloud.transparency.note.NoteVerifier;
import eu.sehr.cloud.transparency.note.VerifierKey;

/**
 * A log the witness is configured to cosign: its origin line and the keys whose signature on a checkpoint of
 * that origin the witness accepts (several during a key rotation).
 */
public record WitnessedLog(String origin, List<NoteVerifier> keys) {

    public WitnessedLog {
        if (origin == null || origin.isEmpty()) {
            throw new IllegalArgumentException("a log has an origin");
        }
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("a witnessed log has at least one key");
        }
        keys = List.copyOf(keys);
    }

    /** A log from its origin and its keys in vkey form ({@code name+keyid+base64}). */
    public static WitnessedLog of(String origin, String... verifierKeys) {
        return new WitnessedLog(origin, Arrays.stream(verifierKeys).map(VerifierKey::parse).map(VerifierKey::verifier).toList());
    }
}
