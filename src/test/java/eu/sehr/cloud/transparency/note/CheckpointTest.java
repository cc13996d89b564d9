package eu.sehr.cloud.transparency.note;

import java.util.List;

import org.junit.jupiter.api.Test;

import static eu.sehr.cloud.transparency.note.NoteVectors.C2SP_CHECKPOINT_TEXT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The example checkpoint is from c2sp.org/tlog-checkpoint; the malformed cases follow its rules one by one. */
class CheckpointTest {

    private static final String ROOT = "CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=";

    @Test
    void should_read_the_example_checkpoint_of_the_spec_and_write_it_back_identically() {
        Checkpoint checkpoint = Checkpoint.parse(C2SP_CHECKPOINT_TEXT);

        assertThat(checkpoint.origin()).isEqualTo("example.com/behind-the-sofa");
        assertThat(checkpoint.size()).isEqualTo(20852163L);
        assertThat(checkpoint.rootHash()).hasSize(32);
        assertThat(checkpoint.extensions()).isEmpty();
        assertThat(checkpoint.text()).isEqualTo(C2SP_CHECKPOINT_TEXT);
    }

    @Test
    void should_keep_extension_lines_in_order() {
        String text = "log.example\n0\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\nfirst\nsecond\n";

        Checkpoint checkpoint = Checkpoint.parse(text);

        assertThat(checkpoint.extensions()).containsExactly("first", "second");
        assertThat(checkpoint.text()).isEqualTo(text);
    }

    @Test
    void should_accept_the_largest_size_a_long_holds() {
        assertThat(Checkpoint.parse("o\n9223372036854775807\n" + ROOT + "\n").size()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void should_reject_checkpoints_that_break_any_rule() {
        String[] malformed = {
                "o\n1\n" + ROOT,
                "o\n1\n",
                "\n1\n" + ROOT + "\n",
                "o\n01\n" + ROOT + "\n",
                "o\n-1\n" + ROOT + "\n",
                "o\n+1\n" + ROOT + "\n",
                "o\n 1\n" + ROOT + "\n",
                "o\n9223372036854775808\n" + ROOT + "\n",
                "o\none\n" + ROOT + "\n",
                "o\n1\n" + ROOT.replace("=", "") + "\n",
                "o\n1\nYmFuYW5hcw==\n",
                "o\n1\nThisIsn'tBase64\n",
                "o\n1\n" + ROOT + "\n\n",
                "o\n1\n" + ROOT + "\next\n\n",
                "o\r\n1\n" + ROOT + "\n",
        };
        for (String text : malformed) {
            assertThatThrownBy(() -> Checkpoint.parse(text)).as(text).isInstanceOf(NoteFormatException.class);
        }
    }

    @Test
    void should_compare_checkpoints_by_content() {
        assertThat(Checkpoint.parse(C2SP_CHECKPOINT_TEXT)).isEqualTo(Checkpoint.parse(C2SP_CHECKPOINT_TEXT))
                .isNotEqualTo(new Checkpoint("example.com/behind-the-sofa", 20852163L, new byte[32], List.of()));
    }
}
