package eu.sehr.cloud.transparency.witness;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The example request is the one of c2sp.org/tlog-witness (C2SP/C2SP commit 5ba5ee830903e91240fc6f9f3a7a9293d49e69c9). */
class AddCheckpointRequestTest {

    private static final String CHECKPOINT = """
            example.com/behind-the-sofa
            20852163
            CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=

            \u2014 example.com/behind-the-sofa Az3grlgtzPICa5OS8npVmf1Myq/5IZniMp+ZJurmRDeOoRDe4URYN7u5/Zhcyv2q1gGzGku9nTo+zyWE+xeMcTOAYQ8=
            \u2014 example.com/behind-the-sofa opLqBQsREYCgu6xQkYQwJr9fo45a62DN9EdmHXnZdXNqlcVGlCum2Wks+49/V6267UEjw6QUXTS5Rovnzv++qbSzm9Q=
            """;
    private static final String SPEC_EXAMPLE = """
            old 20852014
            PlRNCrwHpqhGrupue0L7gxbjbMiKA9temvuZZDDpkaw=
            jrJZDmY8Y7SyJE0MWLpLozkIVMSMZcD5kvuKxPC3swk=
            5+pKlUdi2LeF/BcMHBn+Ku6yhPGNCswZZD1X/6QgPd8=
            /6WVhPs2CwSsb5rYBH5cjHV/wSmA79abXAwhXw3Kj/0=

            """ + CHECKPOINT;
    private static final String HASH = "PlRNCrwHpqhGrupue0L7gxbjbMiKA9temvuZZDDpkaw=";

    @Test
    void should_read_the_example_request_of_the_spec_and_write_it_back_identically() {
        AddCheckpointRequest request = AddCheckpointRequest.parse(bytes(SPEC_EXAMPLE));

        assertThat(request.oldSize()).isEqualTo(20852014L);
        assertThat(request.consistencyProof()).hasSize(4).allSatisfy(hash -> assertThat(hash).hasSize(32));
        assertThat(new String(request.checkpoint(), StandardCharsets.UTF_8)).isEqualTo(CHECKPOINT);
        assertThat(request.format()).isEqualTo(bytes(SPEC_EXAMPLE));
    }

    @Test
    void should_read_a_request_without_proof_lines() {
        AddCheckpointRequest request = AddCheckpointRequest.parse(bytes("old 0\n\n" + CHECKPOINT));

        assertThat(request.oldSize()).isZero();
        assertThat(request.consistencyProof()).isEmpty();
        assertThat(request).isEqualTo(new AddCheckpointRequest(0, List.of(), bytes(CHECKPOINT)));
    }

    @Test
    void should_accept_63_proof_lines_and_not_64() {
        assertThat(AddCheckpointRequest.parse(bytes("old 1\n" + (HASH + "\n").repeat(63) + "\n" + CHECKPOINT))
                .consistencyProof()).hasSize(63);
        assertMalformed("old 1\n" + (HASH + "\n").repeat(64) + "\n" + CHECKPOINT);
    }

    @Test
    void should_reject_malformed_requests() {
        String[] malformed = {
                "",
                "old 5",
                "old 5\n",
                "old 5\n" + HASH + "\n",
                "old 5\n\n",
                "Old 5\n\n" + CHECKPOINT,
                "old 05\n\n" + CHECKPOINT,
                "old -5\n\n" + CHECKPOINT,
                "old  5\n\n" + CHECKPOINT,
                "old 5 \n\n" + CHECKPOINT,
                "old 5\r\n\n" + CHECKPOINT,
                "old 9223372036854775808\n\n" + CHECKPOINT,
                "old 5\n" + HASH.replace("=", "") + "\n\n" + CHECKPOINT,
                "old 5\nYmFuYW5hcw==\n\n" + CHECKPOINT,
                "old 5\n" + HASH + " \n\n" + CHECKPOINT,
                "old 5\n" + CHECKPOINT,
        };
        for (String body : malformed) {
            assertMalformed(body);
        }
    }

    private static void assertMalformed(String body) {
        assertThatThrownBy(() -> AddCheckpointRequest.parse(bytes(body))).as(body).isInstanceOf(MalformedRequestException.class);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
