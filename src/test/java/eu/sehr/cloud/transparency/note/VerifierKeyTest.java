package eu.sehr.cloud.transparency.note;

import java.util.HexFormat;

import org.junit.jupiter.api.Test;

import static eu.sehr.cloud.transparency.note.NoteVectors.C2SP_VERIFIER_KEY;
import static eu.sehr.cloud.transparency.note.NoteVectors.PETER_VERIFIER_KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VerifierKeyTest {

    @Test
    void should_read_the_published_verifier_keys_and_write_them_back_identically() {
        for (String vkey : new String[]{PETER_VERIFIER_KEY, C2SP_VERIFIER_KEY, NoteVectors.ENOCH_VERIFIER_KEY}) {
            assertThat(VerifierKey.parse(vkey).encoded()).isEqualTo(vkey);
        }
        VerifierKey peter = VerifierKey.parse(PETER_VERIFIER_KEY);
        assertThat(peter.name()).isEqualTo("PeterNeumann");
        assertThat(HexFormat.of().toHexDigits(peter.keyId())).isEqualTo("c74f20a3");
        assertThat(peter.type()).isEqualTo(VerifierKey.ED25519);
    }

    @Test
    void should_reject_every_truncation_and_every_single_character_change_of_a_verifier_key() {
        // The same manglings as TestNewVerifier in golang.org/x/mod/sumdb/note.
        for (int start = 0; start <= PETER_VERIFIER_KEY.length(); start++) {
            for (int end = start + 1; end <= PETER_VERIFIER_KEY.length(); end++) {
                if (start != 0 || end != PETER_VERIFIER_KEY.length()) {
                    assertRejected(PETER_VERIFIER_KEY.substring(start, end));
                }
            }
        }
        char[] key = PETER_VERIFIER_KEY.toCharArray();
        for (int i = 0; i < key.length; i++) {
            key[i]++;
            assertRejected(new String(key));
            key[i]--;
        }
    }

    @Test
    void should_reject_a_key_of_the_wrong_length_or_unknown_type_even_with_a_matching_key_id() {
        assertRejected("PeterNeumann+cc469956+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TWBADKEY==");
        assertRejected("PeterNeumann+173116ae+ZRpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW");
    }

    @Test
    void should_reject_an_uppercase_key_id() {
        assertRejected("PeterNeumann+C74F20A3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW");
    }

    @Test
    void should_give_the_same_key_different_ids_as_a_note_key_and_as_a_cosignature_key() {
        byte[] publicKey = VerifierKey.parse(PETER_VERIFIER_KEY).publicKey();

        VerifierKey cosignatureKey = VerifierKey.cosignatureV1("PeterNeumann", publicKey);

        assertThat(cosignatureKey.keyId()).isNotEqualTo(VerifierKey.parse(PETER_VERIFIER_KEY).keyId());
        assertThat(VerifierKey.parse(cosignatureKey.encoded())).isEqualTo(cosignatureKey);
        assertThat(cosignatureKey.verifier()).isInstanceOf(CosignatureV1Verifier.class);
    }

    @Test
    void should_refuse_key_names_with_spaces_or_plus_signs() {
        assertThat(KeyNames.isValid("example.com/log")).isTrue();
        assertThat(KeyNames.isValid("a+b")).isFalse();
        assertThat(KeyNames.isValid("a b")).isFalse();
        assertThat(KeyNames.isValid("a\u00a0b")).isFalse();
        assertThat(KeyNames.isValid("a\u2003b")).isFalse();
        assertThat(KeyNames.isValid("a\tb")).isFalse();
        assertThat(KeyNames.isValid("")).isFalse();
    }

    private static void assertRejected(String vkey) {
        assertThatThrownBy(() -> VerifierKey.parse(vkey)).as(vkey).isInstanceOf(NoteFormatException.class);
    }
}
