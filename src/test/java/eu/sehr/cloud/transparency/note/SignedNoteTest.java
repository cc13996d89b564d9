package eu.sehr.cloud.transparency.note;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.List;

import org.junit.jupiter.api.Test;

import static eu.sehr.cloud.transparency.note.NoteVectors.ENOCH_SIGNATURE_LINE;
import static eu.sehr.cloud.transparency.note.NoteVectors.ENOCH_VERIFIER_KEY;
import static eu.sehr.cloud.transparency.note.NoteVectors.PETER_SIGNATURE_LINE;
import static eu.sehr.cloud.transparency.note.NoteVectors.PETER_SIGNER_KEY;
import static eu.sehr.cloud.transparency.note.NoteVectors.PETER_TEXT;
import static eu.sehr.cloud.transparency.note.NoteVectors.PETER_VERIFIER_KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SignedNoteTest {

    private final TrustedNoteKeys peterOnly = trusting(PETER_VERIFIER_KEY);

    @Test
    void should_sign_the_published_note_byte_for_byte() {
        SignedNote note = SignedNote.sign(PETER_TEXT, List.of(SignerKey.parse(PETER_SIGNER_KEY).noteSigner()));

        assertThat(note.format()).isEqualTo(PETER_TEXT + "\n" + PETER_SIGNATURE_LINE);
    }

    @Test
    void should_verify_the_example_note_of_the_signed_note_spec() {
        VerifiedNote note = trusting(NoteVectors.C2SP_VERIFIER_KEY).verify(SignedNote.parse(NoteVectors.C2SP_NOTE));

        assertThat(note.text()).isEqualTo("This is an example message.\n");
        assertThat(note.isSignedBy("example.com/foo")).isTrue();
    }

    @Test
    void should_parse_and_format_a_note_identically() {
        String message = PETER_TEXT + "\n" + PETER_SIGNATURE_LINE + ENOCH_SIGNATURE_LINE;

        SignedNote note = SignedNote.parse(message.getBytes(StandardCharsets.UTF_8));

        assertThat(note.text()).isEqualTo(PETER_TEXT);
        assertThat(note.signatures()).hasSize(2);
        assertThat(note.format()).isEqualTo(message);
    }

    @Test
    void should_ignore_a_signature_by_an_untrusted_key_and_keep_the_trusted_one() {
        VerifiedNote note = peterOnly.verify(SignedNote.parse(PETER_TEXT + "\n" + PETER_SIGNATURE_LINE + ENOCH_SIGNATURE_LINE));

        assertThat(note.verified()).extracting(NoteSignature::name).containsExactly("PeterNeumann");
        assertThat(note.unknown()).extracting(NoteSignature::name).containsExactly("EnochRoot");
    }

    @Test
    void should_verify_both_signatures_when_both_keys_are_trusted() {
        VerifiedNote note = trusting(PETER_VERIFIER_KEY, ENOCH_VERIFIER_KEY)
                .verify(SignedNote.parse(PETER_TEXT + "\n" + PETER_SIGNATURE_LINE + ENOCH_SIGNATURE_LINE));

        assertThat(note.verified()).extracting(NoteSignature::name).containsExactly("PeterNeumann", "EnochRoot");
    }

    @Test
    void should_refuse_a_note_signed_only_by_keys_it_does_not_trust() {
        SignedNote note = SignedNote.parse(PETER_TEXT + "\n" + ENOCH_SIGNATURE_LINE);

        assertThatThrownBy(() -> peterOnly.verify(note)).isInstanceOfSatisfying(NoteVerificationException.class,
                e -> assertThat(e.reason()).isEqualTo(NoteVerificationException.Reason.NO_TRUSTED_SIGNATURE));
    }

    @Test
    void should_not_count_a_signature_by_another_key_under_the_trusted_name() {
        SignerKey impostor = SignerKey.generate("PeterNeumann", new SecureRandom());
        SignedNote note = SignedNote.sign(PETER_TEXT, List.of(impostor.noteSigner()));

        assertThatThrownBy(() -> peterOnly.verify(note)).isInstanceOfSatisfying(NoteVerificationException.class,
                e -> assertThat(e.reason()).isEqualTo(NoteVerificationException.Reason.NO_TRUSTED_SIGNATURE));
    }

    @Test
    void should_refuse_the_whole_note_when_its_text_was_changed() {
        SignedNote tampered = SignedNote.parse(PETER_TEXT.replace("answer", "Answer") + "\n" + PETER_SIGNATURE_LINE);

        assertInvalidSignature(tampered);
    }

    @Test
    void should_refuse_the_whole_note_when_a_trusted_signature_was_changed() {
        String line = PETER_SIGNATURE_LINE;
        String changed = line.substring(0, 60) + (line.charAt(60) == 'A' ? 'B' : 'A') + line.substring(61);

        assertInvalidSignature(SignedNote.parse(PETER_TEXT + "\n" + changed + ENOCH_SIGNATURE_LINE));
    }

    @Test
    void should_refuse_a_note_where_a_valid_trusted_signature_comes_with_an_invalid_one_from_the_same_key() {
        SignerKey peter = SignerKey.parse(PETER_SIGNER_KEY);
        NoteSignature other = NoteSignature.create("Another text.\n", peter.noteSigner());

        assertInvalidSignature(SignedNote.parse(PETER_TEXT + "\n" + PETER_SIGNATURE_LINE + other.line()));
    }

    @Test
    void should_reject_malformed_notes() {
        // The shapes of the bad messages of TestOpen in golang.org/x/mod/sumdb/note, and a few more.
        String[] malformed = {
                PETER_TEXT,
                PETER_TEXT + "\n",
                PETER_TEXT + "\n" + PETER_SIGNATURE_LINE.strip(),
                "\u0001" + PETER_TEXT + "\n" + PETER_SIGNATURE_LINE,
                PETER_TEXT.replace("\n", "\r\n") + "\n" + PETER_SIGNATURE_LINE,
                PETER_TEXT + "\n" + "\u2014 Bad Name x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n",
                PETER_TEXT + "\n" + PETER_SIGNATURE_LINE + "Unexpected line.\n",
                PETER_TEXT + "\n" + PETER_SIGNATURE_LINE.replace("\u2014", "-"),
                PETER_TEXT + "\n" + PETER_SIGNATURE_LINE.replace("M=\n", "M\n"),
                PETER_TEXT + "\n" + "\u2014 PeterNeumann x08gow==\n",
                PETER_TEXT + "\n" + PETER_SIGNATURE_LINE + "\n",
        };
        for (String message : malformed) {
            assertThatThrownBy(() -> SignedNote.parse(message)).as(message).isInstanceOf(NoteFormatException.class);
        }
    }

    @Test
    void should_reject_invalid_utf8() {
        byte[] message = (PETER_TEXT + "\n" + PETER_SIGNATURE_LINE).getBytes(StandardCharsets.UTF_8);
        message[0] = (byte) 0xff;

        assertThatThrownBy(() -> SignedNote.parse(message)).isInstanceOf(NoteFormatException.class);
    }

    @Test
    void should_read_up_to_a_hundred_signatures_and_no_more() {
        String hundred = PETER_TEXT + "\n" + ENOCH_SIGNATURE_LINE.repeat(99) + PETER_SIGNATURE_LINE;

        assertThat(peterOnly.verify(SignedNote.parse(hundred)).verified()).hasSize(1);
        assertThatThrownBy(() -> SignedNote.parse(hundred + PETER_SIGNATURE_LINE)).isInstanceOf(NoteFormatException.class);
    }

    @Test
    void should_separate_text_and_signatures_at_the_last_blank_line() {
        String text = "first paragraph\n\nsecond paragraph\n";
        SignedNote note = SignedNote.sign(text, List.of(SignerKey.parse(PETER_SIGNER_KEY).noteSigner()));

        assertThat(peterOnly.verify(SignedNote.parse(note.format())).text()).isEqualTo(text);
    }

    @Test
    void should_add_cosignature_lines_after_the_existing_ones_without_repeating_any() {
        SignedNote note = SignedNote.parse(PETER_TEXT + "\n" + PETER_SIGNATURE_LINE);
        NoteSignature enoch = NoteSignature.parseLine(ENOCH_SIGNATURE_LINE.strip());

        SignedNote more = note.withSignatures(List.of(enoch, note.signatures().get(0), enoch));

        assertThat(more.format()).isEqualTo(PETER_TEXT + "\n" + PETER_SIGNATURE_LINE + ENOCH_SIGNATURE_LINE);
    }

    @Test
    void should_refuse_to_sign_a_text_without_a_final_newline() {
        assertThatThrownBy(() -> SignedNote.sign("abc", List.of(SignerKey.parse(PETER_SIGNER_KEY).noteSigner())))
                .isInstanceOf(NoteFormatException.class);
    }

    @Test
    void should_refuse_to_trust_two_keys_with_the_same_name_and_id() {
        assertThatThrownBy(() -> trusting(PETER_VERIFIER_KEY, PETER_VERIFIER_KEY))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private void assertInvalidSignature(SignedNote note) {
        assertThatThrownBy(() -> peterOnly.verify(note)).isInstanceOfSatisfying(NoteVerificationException.class,
                e -> assertThat(e.reason()).isEqualTo(NoteVerificationException.Reason.INVALID_SIGNATURE));
    }

    private static TrustedNoteKeys trusting(String... vkeys) {
        return new TrustedNoteKeys(List.of(vkeys).stream().map(VerifierKey::parse).map(VerifierKey::verifier).toList());
    }
}
