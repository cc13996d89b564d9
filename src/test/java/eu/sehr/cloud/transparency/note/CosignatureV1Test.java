package eu.sehr.cloud.transparency.note;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;

import static eu.sehr.cloud.transparency.note.NoteVectors.C2SP_CHECKPOINT_TEXT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CosignatureV1Test {

    /** The time of the example in c2sp.org/tlog-cosignature. */
    private static final Instant EXAMPLE_TIME = Instant.ofEpochSecond(1679315147L);

    private final SignerKey log = SignerKey.generate("example.com/behind-the-sofa", new SecureRandom());
    private final SignerKey witness = SignerKey.generate("witness.example/w1", new SecureRandom());
    private final NoteSigner cosigner = witness.cosigner(Clock.fixed(EXAMPLE_TIME, ZoneOffset.UTC));
    private final TrustedNoteKeys trustingTheWitness = new TrustedNoteKeys(List.of(witness.cosignatureVerifierKey().verifier()));

    @Test
    void should_build_the_signed_message_exactly_as_the_spec_example() {
        byte[] message = CosignatureV1.signedMessage(EXAMPLE_TIME.getEpochSecond(),
                C2SP_CHECKPOINT_TEXT.getBytes(StandardCharsets.UTF_8));

        assertThat(new String(message, StandardCharsets.UTF_8)).isEqualTo("cosignature/v1\ntime 1679315147\n"
                + "example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n");
    }

    @Test
    void should_read_the_key_id_and_timestamp_of_the_spec_example_cosignature() {
        NoteSignature example = NoteSignature.parseLine(NoteVectors.C2SP_COSIGNATURE_LINE);

        assertThat(example.name()).isEqualTo("witness.example.com/w1");
        assertThat(Integer.toHexString(example.keyId())).isEqualTo("8d66cf3f");
        assertThat(CosignatureV1.timestampOf(example.signature())).isEqualTo(EXAMPLE_TIME.getEpochSecond());
    }

    @Test
    void should_produce_a_timestamped_signature_that_verifies() {
        SignedNote checkpoint = SignedNote.sign(C2SP_CHECKPOINT_TEXT, List.of(log.noteSigner(), cosigner));

        NoteSignature cosignature = checkpoint.signatures().get(1);
        assertThat(cosignature.signature()).hasSize(72);
        assertThat(ByteBuffer.wrap(cosignature.signature()).getLong()).isEqualTo(1679315147L);
        assertThat(cosignature.keyId()).isEqualTo(VerifierKey.keyId("witness.example/w1", (byte) 0x04, witness.publicKey()));
        assertThat(trustingTheWitness.verify(checkpoint).verified()).containsExactly(cosignature);
    }

    @Test
    void should_refuse_a_cosignature_on_a_changed_checkpoint() {
        NoteSignature cosignature = NoteSignature.create(C2SP_CHECKPOINT_TEXT, cosigner);
        SignedNote changed = new SignedNote(C2SP_CHECKPOINT_TEXT.replace("20852163", "20852164"), List.of(cosignature));

        assertThatThrownBy(() -> trustingTheWitness.verify(changed)).isInstanceOf(NoteVerificationException.class);
    }

    @Test
    void should_refuse_a_cosignature_whose_timestamp_was_changed() {
        byte[] signature = NoteSignature.create(C2SP_CHECKPOINT_TEXT, cosigner).signature();
        signature[7]++;
        SignedNote changed = new SignedNote(C2SP_CHECKPOINT_TEXT,
                List.of(new NoteSignature("witness.example/w1", cosigner.keyId(), signature)));

        assertThatThrownBy(() -> trustingTheWitness.verify(changed)).isInstanceOfSatisfying(NoteVerificationException.class,
                e -> assertThat(e.reason()).isEqualTo(NoteVerificationException.Reason.INVALID_SIGNATURE));
    }

    @Test
    void should_not_take_a_cosignature_for_a_plain_signature_of_the_same_key() {
        SignedNote cosignedOnly = SignedNote.sign(C2SP_CHECKPOINT_TEXT, List.of(cosigner));
        TrustedNoteKeys trustingThePlainKey = new TrustedNoteKeys(List.of(witness.verifierKey().verifier()));

        assertThatThrownBy(() -> trustingThePlainKey.verify(cosignedOnly)).isInstanceOfSatisfying(
                NoteVerificationException.class,
                e -> assertThat(e.reason()).isEqualTo(NoteVerificationException.Reason.NO_TRUSTED_SIGNATURE));
    }

    @Test
    void should_refuse_to_cosign_with_a_clock_before_1970() {
        NoteSigner broken = witness.cosigner(Clock.fixed(Instant.EPOCH, ZoneOffset.UTC));

        assertThatThrownBy(() -> broken.sign(C2SP_CHECKPOINT_TEXT.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalStateException.class);
    }
}
