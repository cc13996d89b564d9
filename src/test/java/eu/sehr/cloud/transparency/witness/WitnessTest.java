package eu.sehr.cloud.transparency.witness;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import eu.sehr.cloud.transparency.merkle.Frontier;
import eu.sehr.cloud.transparency.merkle.InMemoryNodeStore;
import eu.sehr.cloud.transparency.merkle.MerkleHash;
import eu.sehr.cloud.transparency.merkle.TreeAppender;
import eu.sehr.cloud.transparency.merkle.TreeProofs;
import eu.sehr.cloud.transparency.note.Checkpoint;
import eu.sehr.cloud.transparency.note.NoteSignature;
import eu.sehr.cloud.transparency.note.SignedNote;
import eu.sehr.cloud.transparency.note.SignerKey;
import eu.sehr.cloud.transparency.note.TrustedNoteKeys;
import eu.sehr.cloud.transparency.witness.WitnessOutcome.Conflict;
import eu.sehr.cloud.transparency.witness.WitnessOutcome.Cosigned;
import eu.sehr.cloud.transparency.witness.WitnessOutcome.Unprocessable;

import static org.assertj.core.api.Assertions.assertThat;

class WitnessTest {

    private static final String ORIGIN = "log.sehr.example/audit";
    private static final Instant NOW = Instant.parse("2026-07-22T10:00:00Z");

    @TempDir
    Path stateDirectory;

    private final SecureRandom random = new SecureRandom();
    private final SignerKey logKey = SignerKey.generate(ORIGIN, random);
    private final SignerKey witnessKey = SignerKey.generate("witness.sehr.example/w1", random);
    private final Log log = new Log("entry");
    private final Log fork = new Log("forged entry");

    @Test
    void should_cosign_the_first_checkpoint_from_size_zero_with_a_cosignature_that_verifies() throws IOException {
        Witness witness = witness();
        SignedNote checkpoint = log.checkpoint(5);

        WitnessOutcome outcome = witness.addCheckpoint(request(0, List.of(), checkpoint));

        assertThat(outcome).isInstanceOf(Cosigned.class);
        assertThat(outcome.httpStatus()).isEqualTo(200);
        SignedNote cosigned = SignedNote.parse(checkpoint.format() + outcome.body());
        NoteSignature cosignature = new TrustedNoteKeys(List.of(witnessKey.cosignatureVerifierKey().verifier()))
                .verify(cosigned).verified().get(0);
        assertThat(ByteBuffer.wrap(cosignature.signature()).getLong()).isEqualTo(NOW.getEpochSecond());
        assertThat(new WitnessStateStore(stateDirectory).load(ORIGIN)).isEqualTo(log.state(5));
    }

    @Test
    void should_cosign_a_checkpoint_proven_consistent_with_the_last_cosigned_one() throws IOException {
        Witness witness = witness();
        witness.addCheckpoint(request(0, List.of(), log.checkpoint(5)));

        WitnessOutcome outcome = witness.addCheckpoint(request(5, log.proofs.consistencyProof(5, 12), log.checkpoint(12)));

        assertThat(outcome).isInstanceOf(Cosigned.class);
        assertThat(new WitnessStateStore(stateDirectory).load(ORIGIN)).isEqualTo(log.state(12));
    }

    @Test
    void should_refuse_a_fork_loudly_and_keep_its_state() throws IOException {
        Witness witness = witness();
        witness.addCheckpoint(request(0, List.of(), log.checkpoint(5)));

        WitnessOutcome outcome = witness.addCheckpoint(request(5, fork.proofs.consistencyProof(5, 12), fork.checkpoint(12)));

        assertThat(outcome).isInstanceOf(Unprocessable.class);
        assertThat(outcome.httpStatus()).isEqualTo(422);
        assertThat(outcome.isPossibleLogMisbehaviour()).isTrue();
        assertThat(outcome.body()).contains("size 5");
        assertThat(new WitnessStateStore(stateDirectory).load(ORIGIN)).isEqualTo(log.state(5));
        assertThat(witness.addCheckpoint(request(5, log.proofs.consistencyProof(5, 12), log.checkpoint(12))))
                .isInstanceOf(Cosigned.class);
    }

    @Test
    void should_refuse_another_root_for_the_size_it_cosigned() throws IOException {
        Witness witness = witness();
        witness.addCheckpoint(request(0, List.of(), log.checkpoint(5)));

        WitnessOutcome outcome = witness.addCheckpoint(request(5, List.of(), fork.checkpoint(5)));

        assertThat(outcome).isInstanceOfSatisfying(Unprocessable.class,
                refusal -> assertThat(refusal.isPossibleLogMisbehaviour()).isTrue());
        assertThat(new WitnessStateStore(stateDirectory).load(ORIGIN)).isEqualTo(log.state(5));
    }

    @Test
    void should_cosign_again_the_checkpoint_it_already_cosigned() throws IOException {
        Witness witness = witness();
        witness.addCheckpoint(request(0, List.of(), log.checkpoint(5)));

        assertThat(witness.addCheckpoint(request(5, List.of(), log.checkpoint(5)))).isInstanceOf(Cosigned.class);
    }

    @Test
    void should_answer_a_stale_old_size_with_a_conflict_giving_the_cosigned_size() throws IOException {
        Witness witness = witness();
        witness.addCheckpoint(request(0, List.of(), log.checkpoint(5)));
        witness.addCheckpoint(request(5, log.proofs.consistencyProof(5, 12), log.checkpoint(12)));

        WitnessOutcome outcome = witness.addCheckpoint(request(5, log.proofs.consistencyProof(5, 20), log.checkpoint(20)));

        assertThat(outcome).isEqualTo(new Conflict(ORIGIN, 12));
        assertThat(outcome.httpStatus()).isEqualTo(409);
        assertThat(outcome.contentType()).isEqualTo("text/x.tlog.size");
        assertThat(outcome.body()).isEqualTo("12\n");
    }

    @Test
    void should_remember_the_cosigned_size_in_a_new_instance_on_the_same_directory() throws IOException {
        witness().addCheckpoint(request(0, List.of(), log.checkpoint(7)));

        Witness restarted = witness();

        assertThat(restarted.addCheckpoint(request(0, List.of(), log.checkpoint(9)))).isEqualTo(new Conflict(ORIGIN, 7));
        assertThat(restarted.addCheckpoint(request(7, log.proofs.consistencyProof(7, 9), log.checkpoint(9))))
                .isInstanceOf(Cosigned.class);
    }

    @Test
    void should_refuse_an_unknown_log_with_404() throws IOException {
        SignerKey otherLog = SignerKey.generate("other.example/log", random);
        Checkpoint checkpoint = new Checkpoint("other.example/log", 0, MerkleHash.emptyTree());
        SignedNote note = SignedNote.sign(checkpoint.text(), List.of(otherLog.noteSigner()));

        assertThat(witness().addCheckpoint(request(0, List.of(), note)).httpStatus()).isEqualTo(404);
    }

    @Test
    void should_refuse_a_checkpoint_not_signed_by_the_log_with_403() throws IOException {
        SignerKey impostor = SignerKey.generate(ORIGIN, random);
        SignedNote forged = SignedNote.sign(log.checkpoint(5).text(), List.of(impostor.noteSigner()));
        SignedNote tampered = new SignedNote(log.checkpoint(6).text(), log.checkpoint(5).signatures());

        assertThat(witness().addCheckpoint(request(0, List.of(), forged)).httpStatus()).isEqualTo(403);
        assertThat(witness().addCheckpoint(request(0, List.of(), tampered)).httpStatus()).isEqualTo(403);
        assertThat(new WitnessStateStore(stateDirectory).load(ORIGIN)).isEqualTo(LogState.initial(ORIGIN));
    }

    @Test
    void should_answer_malformed_requests_and_an_old_size_beyond_the_checkpoint_with_400() throws IOException {
        Witness witness = witness();

        assertThat(witness.addCheckpoint("old 01\n\n".getBytes(StandardCharsets.UTF_8)).httpStatus()).isEqualTo(400);
        assertThat(witness.addCheckpoint("old 0\n\nnot a note\n".getBytes(StandardCharsets.UTF_8)).httpStatus())
                .isEqualTo(400);
        assertThat(witness.addCheckpoint(request(6, List.of(), log.checkpoint(5))).httpStatus()).isEqualTo(400);
    }

    @Test
    void should_refuse_a_proof_from_size_zero_without_calling_it_misbehaviour() throws IOException {
        WitnessOutcome outcome = witness().addCheckpoint(request(0, log.proofs.consistencyProof(1, 5), log.checkpoint(5)));

        assertThat(outcome.httpStatus()).isEqualTo(422);
        assertThat(outcome.isPossibleLogMisbehaviour()).isFalse();
    }

    @Test
    void should_refuse_an_empty_tree_whose_root_is_not_the_empty_tree_hash() throws IOException {
        SignedNote note = SignedNote.sign(new Checkpoint(ORIGIN, 0, MerkleHash.leaf(new byte[0])).text(),
                List.of(logKey.noteSigner()));

        assertThat(witness().addCheckpoint(request(0, List.of(), note)).httpStatus()).isEqualTo(422);
    }

    @Test
    void should_cosign_only_one_of_several_concurrent_requests_from_the_same_old_size() throws Exception {
        Witness witness = witness();
        witness.addCheckpoint(request(0, List.of(), log.checkpoint(5)));
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Future<WitnessOutcome>> outcomes = new ArrayList<>();
            for (int size = 6; size <= 13; size++) {
                byte[] body = request(5, log.proofs.consistencyProof(5, size), log.checkpoint(size));
                outcomes.add(threads.submit(() -> witness.addCheckpoint(body)));
            }
            int cosigned = 0;
            for (Future<WitnessOutcome> outcome : outcomes) {
                cosigned += outcome.get() instanceof Cosigned ? 1 : 0;
            }
            assertThat(cosigned).isEqualTo(1);
        } finally {
            threads.shutdown();
        }
    }

    private Witness witness() {
        return new Witness(List.of(WitnessedLog.of(ORIGIN, logKey.verifierKey().encoded())),
                witnessKey.cosigner(Clock.fixed(NOW, ZoneOffset.UTC)), new WitnessStateStore(stateDirectory));
    }

    private static byte[] request(long oldSize, List<byte[]> proof, SignedNote checkpoint) {
        return new AddCheckpointRequest(oldSize, proof, checkpoint.bytes()).format();
    }

    /** A log of 20 entries, signed with the log key; two logs with different entries are forks of each other. */
    private final class Log {

        private final InMemoryNodeStore nodes = new InMemoryNodeStore();
        private final TreeProofs proofs = new TreeProofs(nodes);

        Log(String entryPrefix) {
            List<byte[]> leaves = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                // The first three entries are shared, so forks agree on small sizes and diverge later.
                String entry = i < 3 ? "entry " + i : entryPrefix + " " + i;
                leaves.add(MerkleHash.leaf(entry.getBytes(StandardCharsets.UTF_8)));
            }
            nodes.write(TreeAppender.append(Frontier.empty(), leaves).newNodes());
        }

        SignedNote checkpoint(long size) {
            Checkpoint checkpoint = new Checkpoint(ORIGIN, size, proofs.root(size));
            return SignedNote.sign(checkpoint.text(), List.of(logKey.noteSigner()));
        }

        LogState state(long size) {
            return new LogState(ORIGIN, size, proofs.root(size));
        }
    }
}
