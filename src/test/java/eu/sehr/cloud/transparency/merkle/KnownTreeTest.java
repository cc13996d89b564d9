package eu.sehr.cloud.transparency.merkle;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The RFC 6962 reference tree of eight leaves, with values from transparency-dev/merkle at commit
 * 417fb0c314750d94e53942e9f92e79b6d35915db: leaves, node hashes and roots from testonly/constants.go
 * (LeafInputs, NodeHashes, RootHashes), inclusion and consistency proofs from testonly/reference_test.go
 * (TestRefInclusionProof, TestRefConsistencyProof). The same numbers are in certificate-transparency-go.
 */
class KnownTreeTest {

    private static final HexFormat HEX = HexFormat.of();

    private static final String[] LEAVES = {
            "", "00", "10", "2021", "3031", "40414243", "5051525354555657", "606162636465666768696a6b6c6d6e6f"};

    private static final String[][] NODE_HASHES = {{
            "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
            "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
            "0298d122906dcfc10892cb53a73992fc5b9f493ea4c9badb27b791b4127a7fe7",
            "07506a85fd9dd2f120eb694f86011e5bb4662e5c415a62917033d4a9624487e7",
            "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
            "4271a26be0d8a84f0bd54c8c302e7cb3a3b5d1fa6780a40bcce2873477dab658",
            "b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f",
            "46f6ffadd3d06a09ff3c5860d2755c8b9819db7df44251788c7d8e3180de8eb1"}, {
            "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
            "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
            "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
            "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0"}, {
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
            "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4"}, {
            "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328"}};

    private static final String[] ROOTS = {
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
            "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
            "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
            "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
            "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
            "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
            "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
            "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328"};

    /** {index, size, proof hashes...}. */
    private static final String[][] INCLUSION_PROOFS = {
            {"0", "1"},
            {"0", "2", "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7"},
            {"1", "2", "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d"},
            {"2", "3", "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125"},
            {"1", "5", "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
                    "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                    "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b"},
            {"0", "8", "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
                    "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                    "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4"},
            {"5", "8", "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
                    "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
                    "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"}};

    /** {old size, new size, proof hashes...}. */
    private static final String[][] CONSISTENCY_PROOFS = {
            {"1", "1"},
            {"1", "8", "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
                    "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                    "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4"},
            {"2", "5", "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                    "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b"},
            {"6", "8", "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
                    "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
                    "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"}};

    private final InMemoryNodeStore store = new InMemoryNodeStore();
    private final TreeProofs proofs = new TreeProofs(store);
    private final List<Frontier> frontiers = new ArrayList<>();

    @BeforeEach
    void appendTheEightLeavesOneByOne() {
        Frontier frontier = Frontier.empty();
        frontiers.add(frontier);
        for (String leaf : LEAVES) {
            TreeAppender.Appended appended = TreeAppender.append(frontier, List.of(MerkleHash.leaf(HEX.parseHex(leaf))));
            store.write(appended.newNodes());
            frontier = appended.frontier();
            frontiers.add(frontier);
        }
    }

    @Test
    void should_store_exactly_the_reference_hash_of_every_complete_subtree() {
        int count = 0;
        for (int level = 0; level < NODE_HASHES.length; level++) {
            for (int index = 0; index < NODE_HASHES[level].length; index++) {
                assertThat(hex(store.read(List.of(new NodeId(level, index))).get(0)))
                        .as("node (%d, %d)", level, index).isEqualTo(NODE_HASHES[level][index]);
                count++;
            }
        }
        assertThat(store.size()).isEqualTo(count);
    }

    @Test
    void should_compute_the_reference_root_of_every_size_from_the_frontier_and_from_the_store() {
        for (int size = 0; size <= LEAVES.length; size++) {
            assertThat(hex(frontiers.get(size).root())).as("frontier root of %d", size).isEqualTo(ROOTS[size]);
            assertThat(hex(proofs.root(size))).as("stored root of %d", size).isEqualTo(ROOTS[size]);
        }
    }

    @Test
    void should_produce_and_accept_the_reference_inclusion_proofs() {
        for (String[] vector : INCLUSION_PROOFS) {
            int index = Integer.parseInt(vector[0]);
            int size = Integer.parseInt(vector[1]);
            List<String> expected = List.of(vector).subList(2, vector.length);
            List<byte[]> proof = proofs.inclusionProof(index, size);
            assertThat(proof).as("proof of %d in %d", index, size).map(KnownTreeTest::hex).isEqualTo(expected);
            assertThat(ProofVerifier.inclusionIsValid(leafHash(index), index, size, proof, HEX.parseHex(ROOTS[size])))
                    .isTrue();
        }
    }

    @Test
    void should_produce_and_accept_the_reference_consistency_proofs() {
        for (String[] vector : CONSISTENCY_PROOFS) {
            int oldSize = Integer.parseInt(vector[0]);
            int newSize = Integer.parseInt(vector[1]);
            List<String> expected = List.of(vector).subList(2, vector.length);
            List<byte[]> proof = proofs.consistencyProof(oldSize, newSize);
            assertThat(proof).as("proof from %d to %d", oldSize, newSize).map(KnownTreeTest::hex).isEqualTo(expected);
            assertThat(ProofVerifier.consistencyIsValid(oldSize, HEX.parseHex(ROOTS[oldSize]), newSize,
                    HEX.parseHex(ROOTS[newSize]), proof)).isTrue();
        }
    }

    @Test
    void should_reject_the_reference_inclusion_proof_against_the_wrong_leaf() {
        List<byte[]> proof = proofs.inclusionProof(5, 8);

        assertThat(ProofVerifier.inclusionIsValid(leafHash(4), 5, 8, proof, HEX.parseHex(ROOTS[8]))).isFalse();
    }

    private static byte[] leafHash(int index) {
        return HEX.parseHex(NODE_HASHES[0][index]);
    }

    private static String hex(byte[] bytes) {
        return HEX.formatHex(bytes);
    }
}
