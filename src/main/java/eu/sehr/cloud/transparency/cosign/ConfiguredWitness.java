package eu.sehr.cloud.transparency.cosign;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import eu.sehr.cloud.infra.ConfigurationException;
import eu.sehr.cloud.transparency.note.VerifierKey;

/**
 * A witness the log pushes its checkpoints to: the witness's cosignature/v1 verifier key and its base URL (the
 * service posts to {@code <url>/add-checkpoint}). Configured as {@code sehr.log.witnesses}: entries separated by
 * commas, each {@code <vkey> <url>}.
 */
public record ConfiguredWitness(VerifierKey key, URI url) {

    public ConfiguredWitness {
        if (key.type() != VerifierKey.COSIGNATURE_V1) {
            throw new ConfigurationException("witness key " + key.name() + " is not a cosignature/v1 key (type 0x04)");
        }
    }

    public String name() {
        return key.name();
    }

    public URI addCheckpointUrl() {
        String base = url.toString();
        return URI.create((base.endsWith("/") ? base : base + "/") + "add-checkpoint");
    }

    public static List<ConfiguredWitness> parseList(String setting) {
        List<ConfiguredWitness> witnesses = new ArrayList<>();
        for (String entry : setting.split(",")) {
            if (entry.isBlank()) {
                continue;
            }
            String[] parts = entry.strip().split("\\s+");
            if (parts.length != 2) {
                throw new ConfigurationException("sehr.log.witnesses: each entry is \"<vkey> <url>\", not \"" + entry.strip() + "\"");
            }
            try {
                witnesses.add(new ConfiguredWitness(VerifierKey.parse(parts[0]), URI.create(parts[1])));
            } catch (IllegalArgumentException e) {
                throw new ConfigurationException("sehr.log.witnesses: " + e.getMessage());
            }
        }
        return List.copyOf(witnesses);
    }
}
