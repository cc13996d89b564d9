package eu.sehr.cloud.security;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PasswordHasherTest {

    private final PasswordHasher hasher = new PasswordHasher();

    @Test
    void should_hash_with_argon2id_and_a_random_salt() {
        String first = hasher.hash("correct horse battery");
        String second = hasher.hash("correct horse battery");
        assertThat(first).startsWith("$argon2id$").doesNotContain("correct horse");
        assertThat(first).isNotEqualTo(second);
    }

    @Test
    void should_match_only_the_right_password() {
        String hash = hasher.hash("correct horse battery");
        assertThat(hasher.matches("correct horse battery", hash)).isTrue();
        assertThat(hasher.matches("correct horse batterY", hash)).isFalse();
        assertThat(hasher.matches("correct horse battery", "plain-text")).isFalse();
        assertThat(hasher.matches("correct horse battery", null)).isFalse();
    }
}
