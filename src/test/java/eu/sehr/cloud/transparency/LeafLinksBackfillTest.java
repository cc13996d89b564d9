package eu.sehr.cloud.transparency;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import eu.sehr.cloud.support.RunningService;
import eu.sehr.cloud.support.RunningService.Started;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A log stored before the link table existed: when the schema creates {@code log_leaf_account}, it links each stored
 * leaf to the accounts of its payload's {@code accountIds} besides its own, as the sequencer does for new leaves. Run on
 * the service's PostgreSQL in a transaction that is rolled back.
 */
@ExtendWith(RunningService.class)
class LeafLinksBackfillTest {

    private final Started started;

    LeafLinksBackfillTest(Started started) {
        this.started = started;
    }

    @Test
    void should_link_the_stored_leaves_to_the_accounts_they_name_when_the_table_is_created() throws Exception {
        try (Connection connection = started.service().stores().dataSource().getConnection()) {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                storedLeaf(connection, -1, "acc-own", "{\"account\":\"acc-own\",\"payload\":{\"accountIds\":[\"acc-own\",\"acc-b\",\"acc-c\"]}}");
                storedLeaf(connection, -2, null, "{\"account\":null,\"payload\":{\"accountIds\":\"not a list\"}}");
                storedLeaf(connection, -3, "acc-own", "{\"account\":\"acc-own\",\"payload\":{\"object\":\"PATIENT_SUMMARY\"}}");
                statement.execute("DROP TABLE log_leaf_account");
                statement.execute(schema());

                assertThat(links(statement, -1)).containsExactly("acc-b", "acc-c");
                assertThat(links(statement, -2)).isEmpty();
                assertThat(links(statement, -3)).isEmpty();
            } finally {
                connection.rollback();
                connection.setAutoCommit(true);
            }
        }
    }

    private static void storedLeaf(Connection connection, long index, String account, String leaf) throws Exception {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO log_leaf "
                + "(leaf_index, event_id, global_index, account_id, leaf, appended_at) VALUES (?, ?, ?, ?, ?, now())")) {
            insert.setLong(1, index);
            insert.setString(2, "backfill-test" + index);
            insert.setLong(3, index);
            insert.setString(4, account);
            insert.setBytes(5, leaf.getBytes(StandardCharsets.UTF_8));
            insert.executeUpdate();
        }
    }

    private static List<String> links(Statement statement, long index) throws Exception {
        List<String> linked = new ArrayList<>();
        try (ResultSet rows = statement.executeQuery(
                "SELECT account_id FROM log_leaf_account WHERE leaf_index = " + index + " ORDER BY account_id")) {
            while (rows.next()) {
                linked.add(rows.getString(1));
            }
        }
        return linked;
    }

    private static String schema() throws Exception {
        try (InputStream in = LeafLinksBackfillTest.class.getResourceAsStream("/db/schema.sql")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
