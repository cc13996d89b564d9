package eu.sehr.cloud.transparency.verify;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import eu.sehr.cloud.audit.compliance.StoredEvent;
import eu.sehr.cloud.infra.StoreUnavailableException;
import org.axonframework.common.jdbc.ConnectionProvider;

/**
 * Reads the leaves of some accounts (their own and those linked to them) beside the event store rows of those
 * accounts' streams and of the linked leaves' events, matched by event id.
 */
final class LeafEventPairs {

    private static final TypeReference<Map<String, Object>> META_DATA = new TypeReference<>() {
    };

    private final ConnectionProvider connections;
    private final ObjectMapper mapper;

    LeafEventPairs(ConnectionProvider connections, ObjectMapper mapper) {
        this.connections = connections;
        this.mapper = mapper;
    }

    List<LeafAndEvent> of(List<String> accounts) {
        String sql = "SELECT l.leaf_index, l.event_id, l.leaf, l.global_index, e.eventIdentifier, e.globalIndex, "
                + "e.aggregateIdentifier, e.type, e.sequenceNumber, e.payloadType, e.timeStamp, e.metaData, e.payload "
                + "FROM (SELECT * FROM log_leaf WHERE leaf_index IN (SELECT leaf_index FROM log_leaf WHERE account_id = ANY (?1) "
                + "UNION SELECT leaf_index FROM log_leaf_account WHERE account_id = ANY (?1))) l "
                + "FULL OUTER JOIN (SELECT * FROM domainEventEntry WHERE globalIndex IN (SELECT globalIndex FROM domainEventEntry "
                + "WHERE aggregateIdentifier = ANY (?1) UNION SELECT globalIndex FROM domainEventEntry WHERE eventIdentifier IN "
                + "(SELECT k.event_id FROM log_leaf k JOIN log_leaf_account a ON a.leaf_index = k.leaf_index "
                + "WHERE a.account_id = ANY (?1)))) e "
                + "ON e.eventIdentifier = l.event_id ORDER BY coalesce(l.global_index, e.globalIndex)";
        try (Connection connection = connections.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql.replace("?1", "?::varchar[]"))) {
            for (int i = 1; i <= 4; i++) {
                statement.setArray(i, connection.createArrayOf("varchar", accounts.toArray()));
            }
            List<LeafAndEvent> pairs = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    pairs.add(pair(rows));
                }
            }
            return pairs;
        } catch (SQLException | IOException e) {
            throw new StoreUnavailableException("the event store or the log is unavailable", e);
        }
    }

    private LeafAndEvent pair(ResultSet rows) throws SQLException, IOException {
        Long leafIndex = rows.getObject(1) == null ? null : rows.getLong(1);
        String eventId = rows.getString(5) != null ? rows.getString(5) : rows.getString(2);
        StoredEvent event = null;
        if (rows.getString(5) != null) {
            boolean ofStream = rows.getString(8) != null;
            event = new StoredEvent(rows.getLong(6), null, ofStream ? rows.getString(7) : null,
                    ofStream ? rows.getLong(9) : null, rows.getString(10), rows.getString(11),
                    mapper.readValue(rows.getBytes(12), META_DATA), mapper.readTree(rows.getBytes(13)));
        }
        return new LeafAndEvent(leafIndex, eventId, rows.getBytes(3), leafIndex == null ? null : rows.getLong(4), event,
                rows.getString(11));
    }
}
