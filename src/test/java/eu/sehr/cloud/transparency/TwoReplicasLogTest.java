package eu.sehr.cloud.transparency;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import eu.sehr.cloud.infra.ConfigurationException;
import eu.sehr.cloud.support.Api;
import eu.sehr.cloud.support.RunningService.Started;
import eu.sehr.cloud.support.SharedStores;
import eu.sehr.cloud.transparency.merkle.Frontier;
import eu.sehr.cloud.transparency.merkle.MerkleHash;
import eu.sehr.cloud.transparency.merkle.TreeAppender;
import eu.sehr.cloud.transparency.note.Checkpoint;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static eu.sehr.cloud.support.Resources.closeQuietly;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Two replicas on one PostgreSQL, sharing the log key, both taking requests at once: one sequencer (one replica at a
 * time) makes one tree with every event exactly once, and both replicas serve the same signed checkpoints of it.
 */
@Timeout(240)
class TwoReplicasLogTest {

    private static SharedStores stores;
    private static Started replicaA;
    private static Started replicaB;

    @BeforeAll
    static void two_replicas_with_one_log_key() throws Exception {
        stores = SharedStores.start();
        replicaA = stores.replica("replica-a");
        replicaB = stores.replica("replica-b");
    }

    @AfterAll
    static void services_before_stores() {
        closeQuietly(replicaB);
        closeQuietly(replicaA);
        closeQuietly(stores);
    }

    @Test
    void should_make_one_tree_of_every_event_exactly_once_while_both_replicas_append() throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(8);
        List<Future<?>> work = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            Api api = i % 2 == 0 ? replicaA.api() : replicaB.api();
            work.add(clients.submit(() -> {
                for (int n = 0; n < 5; n++) {
                    Api.Citizen citizen = api.newCitizen();
                    api.get("/citizen/buckets", citizen.token()).expect(200);
                }
            }));
        }
        for (Future<?> done : work) {
            done.get();
        }
        clients.shutdown();

        long events = count("SELECT count(*) FROM domainEventEntry");
        Checkpoint fromA = new LogClient(replicaA.api()).checkpointCovering(events);
        Checkpoint fromB = new LogClient(replicaB.api()).checkpointCovering(fromA.size());
        assertThat(count("SELECT count(*) FROM log_leaf")).isEqualTo(count("SELECT count(DISTINCT event_id) FROM log_leaf"));
        assertThat(count("SELECT count(*) FROM domainEventEntry e WHERE NOT EXISTS "
                + "(SELECT 1 FROM log_leaf l WHERE l.event_id = e.eventIdentifier)")).isZero();
        assertThat(new LogClient(replicaB.api()).key()).isEqualTo(new LogClient(replicaA.api()).key());

        Checkpoint latest = new LogClient(replicaA.api()).checkpoint();
        assertThat(new LogClient(replicaB.api()).checkpoint()).isEqualTo(latest);
        assertThat(rootRecomputedFromTheLeaves(latest.size())).isEqualTo(latest.rootHash());
        assertThat(fromB.size()).isGreaterThanOrEqualTo(fromA.size());
    }

    @Test
    void should_refuse_to_start_a_replica_with_another_log_key() {
        Map<String, String> settings = stores.settings("replica-c");
        settings.put("sehr.log.signing-key-file", stores.dir().resolve("another-log-key").toString());
        assertThatThrownBy(() -> stores.replica("replica-c", settings))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("sehr.log.rotate-key");
    }

    private static byte[] rootRecomputedFromTheLeaves(long size) throws Exception {
        List<byte[]> hashes = new ArrayList<>();
        try (Connection connection = replicaA.service().stores().dataSource().getConnection();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT leaf FROM log_leaf WHERE leaf_index < " + size + " ORDER BY leaf_index")) {
            while (rows.next()) {
                hashes.add(MerkleHash.leaf(rows.getBytes(1)));
            }
        }
        assertThat(hashes).hasSize((int) size);
        return TreeAppender.append(Frontier.empty(), hashes).frontier().root();
    }

    private static long count(String sql) throws Exception {
        try (Connection connection = replicaA.service().stores().dataSource().getConnection();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
