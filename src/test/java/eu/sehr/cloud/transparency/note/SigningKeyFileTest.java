package eu.sehr.cloud.transparency.note;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SigningKeyFileTest {

    @TempDir
    Path directory;

    private final SigningKeyFile keys = new SigningKeyFile(new SecureRandom());

    @Test
    void should_generate_a_key_readable_by_its_owner_only_and_load_the_same_key_afterwards() throws IOException {
        Path file = directory.resolve("keys/witness.key");

        SignerKey generated = keys.loadOrGenerate(file, "witness.example/w1");
        SignerKey loaded = keys.loadOrGenerate(file, "witness.example/w1");

        assertThat(loaded).isEqualTo(generated);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(Files.readString(file)).startsWith("PRIVATE+KEY+witness.example/w1+").endsWith("\n");
        try (var files = Files.list(file.getParent())) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void should_load_a_key_written_by_the_go_tools() throws IOException {
        Path file = directory.resolve("peter.key");
        AtomicFiles.write(file, NoteVectors.PETER_SIGNER_KEY.getBytes(StandardCharsets.UTF_8));

        assertThat(keys.loadOrGenerate(file, "PeterNeumann").verifierKey().encoded())
                .isEqualTo(NoteVectors.PETER_VERIFIER_KEY);
    }

    @Test
    void should_refuse_a_key_file_others_can_read() throws IOException {
        Path file = directory.resolve("witness.key");
        keys.loadOrGenerate(file, "witness.example/w1");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

        assertThatThrownBy(() -> keys.loadOrGenerate(file, "witness.example/w1")).isInstanceOf(IOException.class)
                .hasMessageContaining("0600");
    }

    @Test
    void should_accept_a_key_file_its_group_may_read_as_a_kubernetes_secret_mount() throws IOException {
        Path file = directory.resolve("log.key");
        String vkey = keys.loadOrGenerate(file, "sehr.example/log").verifierKey().encoded();
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("r--r-----"));

        assertThat(keys.loadOrGenerate(file, "sehr.example/log").verifierKey().encoded()).isEqualTo(vkey);
    }

    @Test
    void should_refuse_a_key_file_holding_another_name() throws IOException {
        Path file = directory.resolve("witness.key");
        keys.loadOrGenerate(file, "witness.example/w1");

        assertThatThrownBy(() -> keys.loadOrGenerate(file, "witness.example/w2")).isInstanceOf(IOException.class)
                .hasMessageContaining("witness.example/w1");
    }

    @Test
    void should_refuse_a_key_file_that_does_not_hold_a_key() throws IOException {
        Path file = directory.resolve("witness.key");
        AtomicFiles.write(file, "not a key\n".getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> keys.loadOrGenerate(file, "witness.example/w1")).isInstanceOf(IOException.class);
    }
}
