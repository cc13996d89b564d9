package eu.sehr.cloud.audit.chain;

import java.time.Instant;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import eu.sehr.cloud.audit.api.Actor;
import eu.sehr.cloud.audit.chain.HashChain.ChainedEvent;
import eu.sehr.cloud.infra.Json;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The canonical form is part of the stored chains: these hashes were computed when the chain was introduced, so a
 * change of the canonical bytes (key order, number or string encoding, nulls) fails here before it breaks every
 * stored chain.
 */
class HashChainTest {

    private static final String AT = "2026-11-25T02:00:00.123Z";
    private static final String ANY_PREVIOUS = "f".repeat(64);

    private final ObjectMapper mapper = Json.newMapper();
    private final HashChain chain = new HashChain(mapper);

    @Test
    void should_hash_a_record_event_as_the_stored_chains_do() throws Exception {
        ChainedEvent event = new ChainedEvent("acc-0", 0, "eu.sehr.T$Event0", mapper.readTree(
                "{\"accountId\":\"acc-1\",\"bucket\":\"alice\",\"object\":\"PATIENT_SUMMARY\",\"size\":4096,\"sha256\":\"ab\"}"),
                Actor.citizen("alice"), AT, HashChain.GENESIS);

        assertThat(chain.hash(event)).isEqualTo("1a4254a3b4c069a021dc178e828feced34996628c2b1f55d299372c78a16eef8");
    }

    @Test
    void should_sort_nested_keys_and_keep_numbers_escapes_and_nulls() throws Exception {
        ChainedEvent event = new ChainedEvent("acc-1", 1, "eu.sehr.T$Event1", mapper.readTree(
                "{\"z\":[3,{\"b\":null,\"a\":1.5}],\"a\":\"\\u00e9t\\u00e9 \\\"quoted\\\" \\n line\","
                        + "\"m\":{\"y\":true,\"x\":12345678901234},\"e\":[]}"),
                Actor.hcp("Dr House", "Princeton-Plainsboro"), AT, ANY_PREVIOUS);

        assertThat(chain.hash(event)).isEqualTo("33c56eb48e3f52771b150e74da734d5c47afbbbcde674fa25e0247279f19f968");
    }

    @Test
    void should_hash_an_actor_without_names_and_an_empty_payload() throws Exception {
        ChainedEvent event = new ChainedEvent("acc-2", 2, "eu.sehr.T$Event2", mapper.readTree("{}"), Actor.anonymous(), AT,
                ANY_PREVIOUS);

        assertThat(chain.hash(event)).isEqualTo("3acaa60c080eb2ec1264d0c53b4a6c76ae6d8d3e17d41e31f47c11559aeddc7d");
    }

    @Test
    void should_link_an_event_with_the_hash_its_stored_form_recomputes() {
        record Downloaded(String accountId, String object, long size) {
        }
        Downloaded event = new Downloaded("acc-3", "PATIENT_SUMMARY", 4096);
        Actor actor = Actor.citizen("alice");

        MetaData linked = chain.link(ANY_PREVIOUS, "acc-3", 7, event, actor, Instant.parse(AT));

        ChainedEvent stored = new ChainedEvent("acc-3", 7, Downloaded.class.getName(), mapper.valueToTree(event), actor, AT,
                ANY_PREVIOUS);
        assertThat(linked).containsAllEntriesOf(Map.of(HashChain.PREV_HASH, ANY_PREVIOUS, HashChain.OCCURRED_AT, AT,
                HashChain.HASH, chain.hash(stored)));
        assertThat(chain.hash(new ChainedEvent("acc-3", 8, Downloaded.class.getName(), mapper.valueToTree(event), actor, AT,
                ANY_PREVIOUS))).isNotEqualTo(linked.get(HashChain.HASH));
    }
}
