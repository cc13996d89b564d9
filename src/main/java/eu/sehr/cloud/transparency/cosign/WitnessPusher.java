package eu.sehr.cloud.transparency.cosign;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import eu.sehr.cloud.infra.Sql;
import eu.sehr.cloud.transparency.log.CheckpointTable;
import eu.sehr.cloud.transparency.log.StoredCheckpoint;
import eu.sehr.cloud.transparency.merkle.TreeProofs;
import eu.sehr.cloud.transparency.note.NoteFormatException;
import eu.sehr.cloud.transparency.note.NoteSignature;
import eu.sehr.cloud.transparency.note.NoteVerifier;
import eu.sehr.cloud.transparency.note.SignedNote;
import eu.sehr.cloud.transparency.witness.AddCheckpointRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings every configured witness up to the latest checkpoint: posts it with a consistency proof from the size the
 * witness last cosigned, keeps the cosignature (only if it verifies with the witness's key), and on a 409 learns the
 * witness's size for the next try. A witness that refuses a checkpoint as inconsistent (422) is reported at error
 * level: it means the log contradicts what the witness cosigned before.
 */
public final class WitnessPusher implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(WitnessPusher.class);

    private final List<ConfiguredWitness> witnesses;
    private final CheckpointTable checkpoints;
    private final TreeProofs proofs;
    private final WitnessSizes sizes;
    private final WitnessClient client;
    private final Map<String, String> lastProblem = new ConcurrentHashMap<>();

    public WitnessPusher(List<ConfiguredWitness> witnesses, CheckpointTable checkpoints, TreeProofs proofs, WitnessSizes sizes,
                         WitnessClient client) {
        this.witnesses = witnesses;
        this.checkpoints = checkpoints;
        this.proofs = proofs;
        this.sizes = sizes;
        this.client = client;
    }

    public static WitnessPusher fromSetting(String setting, CheckpointTable checkpoints, TreeProofs proofs, Sql sql) {
        return new WitnessPusher(ConfiguredWitness.parseList(setting), checkpoints, proofs, new WitnessSizes(sql), new WitnessClient());
    }

    @Override
    public void run() {
        if (witnesses.isEmpty()) {
            return;
        }
        StoredCheckpoint latest = checkpoints.latest().orElse(null);
        if (latest == null) {
            return;
        }
        List<String> cosigned = checkpoints.cosignatures(latest.size());
        for (ConfiguredWitness witness : witnesses) {
            if (cosigned.stream().noneMatch(line -> isBy(line, witness))) {
                push(witness, latest);
            }
        }
    }

    private void push(ConfiguredWitness witness, StoredCheckpoint latest) {
        long old = sizes.of(witness.name());
        if (old > latest.size()) {
            problem(witness, "has cosigned size " + old + ", beyond the log's latest checkpoint " + latest.size(), true);
            return;
        }
        byte[] body = new AddCheckpointRequest(old, proofs.consistencyProof(old, latest.size()),
                latest.note().getBytes(StandardCharsets.UTF_8)).format();
        WitnessClient.Answer answer;
        try {
            answer = client.post(witness.addCheckpointUrl(), body);
        } catch (IOException e) {
            problem(witness, "cannot be reached (" + e.getClass().getSimpleName() + ")", false);
            return;
        }
        switch (answer.status()) {
            case 200 -> keepCosignature(witness, latest, answer.body());
            case 409 -> learnSize(witness, answer.body());
            case 422 -> problem(witness, "REFUSES checkpoint " + latest.size() + " as inconsistent with what it cosigned: "
                    + answer.body().strip(), true);
            default -> problem(witness, "answered " + answer.status() + ": " + answer.body().strip(), false);
        }
    }

    private void keepCosignature(ConfiguredWitness witness, StoredCheckpoint latest, String lines) {
        byte[] text = SignedNote.parse(latest.note()).text().getBytes(StandardCharsets.UTF_8);
        NoteVerifier verifier = witness.key().verifier();
        for (String line : lines.split("\n")) {
            try {
                NoteSignature signature = NoteSignature.parseLine(line);
                if (signature.isBy(verifier) && verifier.verify(text, signature.signature())) {
                    checkpoints.addCosignature(latest.size(), witness.name(), signature.line());
                    sizes.set(witness.name(), latest.size());
                    lastProblem.remove(witness.name());
                    return;
                }
            } catch (NoteFormatException e) {
                // not a signature line of this witness
            }
        }
        problem(witness, "answered without a valid cosignature by its key", true);
    }

    private void learnSize(ConfiguredWitness witness, String body) {
        try {
            sizes.set(witness.name(), Long.parseLong(body.strip()));
        } catch (NumberFormatException e) {
            problem(witness, "answered 409 without a tree size", false);
        }
    }

    private static boolean isBy(String line, ConfiguredWitness witness) {
        try {
            return NoteSignature.parseLine(line.strip()).isBy(witness.key().verifier());
        } catch (NoteFormatException e) {
            return false;
        }
    }

    /** Logged once per distinct problem, not at every tick. */
    private void problem(ConfiguredWitness witness, String what, boolean serious) {
        if (!what.equals(lastProblem.put(witness.name(), what))) {
            if (serious) {
                LOG.error("Witness {} {}", witness.name(), what);
            } else {
                LOG.warn("Witness {} {}", witness.name(), what);
            }
        }
    }
}
