package eu.sehr.cloud.transparency.note;

import java.security.SecureRandom;

import org.junit.jupiter.api.Test;

import static eu.sehr.cloud.transparency.note.NoteVectors.PETER_SIGNER_KEY;
import static eu.sehr.cloud.transparency.note.NoteVectors.PETER_VERIFIER_KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SignerKeyTest {

    @Test
    void should_derive_the_published_verifier_key_from_the_published_signer_key() {
        SignerKey key = SignerKey.parse(PETER_SIGNER_KEY);

        assertThat(key.verifierKey().encoded()).isEqualTo(PETER_VERIFIER_KEY);
        assertThat(key.encoded()).isEqualTo(PETER_SIGNER_KEY);
    }

    @Test
    void should_reject_every_truncation_and_every_single_character_change_of_a_signer_key() {
        // The same manglings as TestNewSigner in golang.org/x/mod/sumdb/note.
        for (int start = 0; start <= PETER_SIGNER_KEY.length(); start++) {
            for (int end = start + 1; end <= PETER_SIGNER_KEY.length(); end++) {
                if (start != 0 || end != PETER_SIGNER_KEY.length()) {
                    assertRejected(PETER_SIGNER_KEY.substring(start, end));
                }
            }
        }
        char[] key = PETER_SIGNER_KEY.toCharArray();
        for (int i = 0; i < key.length; i++) {
            key[i]++;
            assertRejected(new String(key));
            key[i]--;
        }
    }

    @Test
    void should_round_trip_a_generated_key() {
        SignerKey key = SignerKey.generate("log.example/test", new SecureRandom());

        assertThat(SignerKey.parse(key.encoded())).isEqualTo(key);
    }

    @Test
    void should_never_show_the_seed() {
        SignerKey key = SignerKey.parse(PETER_SIGNER_KEY);

        assertThat(key.toString()).doesNotContain(PETER_SIGNER_KEY.substring(PETER_SIGNER_KEY.lastIndexOf('+') + 1))
                .contains(PETER_VERIFIER_KEY);
    }

    private static void assertRejected(String skey) {
        assertThatThrownBy(() -> SignerKey.parse(skey)).as(skey).isInstanceOf(NoteFormatException.class);
    }
}
