package eu.sehr.cloud.transparency.witness;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import eu.sehr.cloud.transparency.merkle.MerkleHash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WitnessStateStoreTest {

    @TempDir
    Path directory;

    @Test
    void should_report_a_log_never_saved_at_size_zero_with_the_empty_tree_root() throws IOException {
        assertThat(new WitnessStateStore(directory).load("log.example")).isEqualTo(LogState.initial("log.example"));
    }

    @Test
    void should_keep_the_state_in_one_small_text_file_per_log_named_by_the_hash_of_the_origin() throws IOException {
        WitnessStateStore store = new WitnessStateStore(directory);
        LogState state = new LogState("log.example", 42, MerkleHash.leaf(new byte[0]));

        store.save(state);
        store.save(new LogState("other.example", 1, MerkleHash.leaf(new byte[]{1})));

        assertThat(Files.readString(store.fileOf("log.example")))
                .isEqualTo("log.example\n42\nbjQLnP+zepicpUTmu3gKLHiQHT+zNzh2hRGjBhevoB0=\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(store.fileOf("log.example"))))
                .isEqualTo("rw-------");
        assertThat(new WitnessStateStore(directory).load("log.example")).isEqualTo(state);
        try (var files = Files.list(directory)) {
            assertThat(files).hasSize(2);
        }
    }

    @Test
    void should_name_the_file_after_the_lowercase_hex_sha256_of_the_origin() throws Exception {
        byte[] hash = MessageDigest.getInstance("SHA-256").digest("log.example".getBytes(StandardCharsets.UTF_8));

        assertThat(new WitnessStateStore(directory).fileOf("log.example"))
                .isEqualTo(directory.resolve(HexFormat.of().formatHex(hash) + ".state"));
    }

    @Test
    void should_replace_the_state_of_a_log_when_saved_again() throws IOException {
        WitnessStateStore store = new WitnessStateStore(directory);
        store.save(new LogState("log.example", 1, MerkleHash.leaf(new byte[0])));
        LogState later = new LogState("log.example", 2, MerkleHash.leaf(new byte[]{2}));

        store.save(later);

        assertThat(store.load("log.example")).isEqualTo(later);
    }

    @Test
    void should_fail_loudly_on_a_corrupt_state_file() throws IOException {
        WitnessStateStore store = new WitnessStateStore(directory);
        Files.writeString(store.fileOf("log.example"), "log.example\n01\n");

        assertThatThrownBy(() -> store.load("log.example")).isInstanceOf(IOException.class).hasMessageContaining("corrupt");
    }

    @Test
    void should_fail_loudly_on_a_state_file_of_another_log() throws IOException {
        WitnessStateStore store = new WitnessStateStore(directory);
        store.save(new LogState("other.example", 1, MerkleHash.leaf(new byte[0])));
        Files.move(store.fileOf("other.example"), store.fileOf("log.example"));

        assertThatThrownBy(() -> store.load("log.example")).isInstanceOf(IOException.class);
    }
}
