package eu.sehr.cloud.transparency.merkle;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Known values from transparency-dev/merkle, rfc6962/rfc6962_test.go (TestRFC6962Hasher), commit
 * 417fb0c314750d94e53942e9f92e79b6d35915db.
 */
class MerkleHashTest {

    private static final HexFormat HEX = HexFormat.of();

    @Test
    void should_give_the_empty_tree_the_hash_of_the_empty_string() {
        assertThat(HEX.formatHex(MerkleHash.emptyTree()))
                .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }

    @Test
    void should_hash_an_empty_leaf_differently_from_the_empty_tree() {
        assertThat(HEX.formatHex(MerkleHash.leaf(new byte[0])))
                .isEqualTo("6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d");
    }

    @Test
    void should_prefix_a_leaf_with_a_zero_byte() {
        assertThat(HEX.formatHex(MerkleHash.leaf("L123456".getBytes(StandardCharsets.US_ASCII))))
                .isEqualTo("395aa064aa4c29f7010acfe3f25db9485bbd4b91897b6ad7ad547639252b4d56");
    }

    @Test
    void should_prefix_an_interior_node_with_a_one_byte() {
        assertThat(HEX.formatHex(MerkleHash.node("N123".getBytes(StandardCharsets.US_ASCII),
                "N456".getBytes(StandardCharsets.US_ASCII))))
                .isEqualTo("aa217fe888e47007fa15edab33c2b492a722cb106c64667fc2b044444de66bbb");
    }
}
