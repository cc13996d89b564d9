package eu.sehr.cloud.infra;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoClient;
import eu.sehr.cloud.audit.chain.HashChain;
import eu.sehr.cloud.audit.compliance.ChainVerifier;
import eu.sehr.cloud.audit.compliance.EventStoreReader;
import eu.sehr.cloud.audit.compliance.ViewReplays;
import eu.sehr.cloud.audit.query.AuditViews;
import eu.sehr.cloud.audit.query.CitizenAuditProjection;
import eu.sehr.cloud.audit.query.ProjectionFreshness;
import eu.sehr.cloud.audit.steps.ComplianceSteps;
import eu.sehr.cloud.infra.axon.AxonSetup;
import eu.sehr.cloud.infra.axon.JdbcTransactions;
import eu.sehr.cloud.operations.DependencyOutage;
import eu.sehr.cloud.security.Principal;
import eu.sehr.cloud.transparency.TransparencyLog;
import org.axonframework.config.Configuration;

/**
 * The composition root of {@code audit replay}: the event store (PostgreSQL), the audit views (MongoDB) and Axon with
 * the citizen audit projection and the transparency log's sequencer (the replay's own event is logged as any other).
 * No object storage, no Camel, no HTTP server: the views are rebuilt by the projection itself.
 */
public final class ViewReplayRuntime implements AutoCloseable {

    private static final Principal OPERATOR = Principal.auditor("operator", null);

    private final List<AutoCloseable> opened;
    private final ComplianceSteps compliance;

    private ViewReplayRuntime(List<AutoCloseable> opened, ComplianceSteps compliance) {
        this.opened = opened;
        this.compliance = compliance;
    }

    /** Opens the stores and starts the projection; a store that cannot be opened is a {@link ConfigurationException}. */
    public static ViewReplayRuntime start(Settings settings) {
        List<AutoCloseable> opened = new ArrayList<>();
        try {
            Database database = Database.open(settings);
            opened.add(database);
            MongoClient mongo = Stores.mongo(settings, opened);
            ObjectMapper mapper = Json.newMapper();
            Clock clock = Clock.systemUTC();
            JdbcTransactions transactions = new JdbcTransactions(database.dataSource());
            HashChain chain = new HashChain(mapper);
            AuditViews views = new AuditViews(mongo.getDatabase(settings.get("sehr.mongodb.database")),
                    new DependencyOutage("MongoDB (the audit views)", "the audit view replay", clock));
            TransparencyLog log = TransparencyLog.create(settings, transactions, mapper);
            opened.add(0, log);
            Configuration axon = AxonSetup.start(transactions, mapper, new AxonSetup.Handlers(List.of(), List.of(),
                            List.of(new CitizenAuditProjection(views)), List.of(chain), log.receiptMonitor()),
                    settings.find("sehr.node-id").orElse(ManagementFactory.getRuntimeMXBean().getName()), log::configure);
            opened.add(0, axon::shutdown);
            EventStoreReader reader = new EventStoreReader(database.dataSource(), mapper);
            ProjectionFreshness freshness = new ProjectionFreshness(new Sql(transactions), axon.serializer(),
                    axon.eventProcessingConfiguration(), CitizenAuditProjection.PROCESSING_GROUP,
                    CitizenAuditProjection.class, settings.getDuration("sehr.audit.read-your-writes-wait"));
            ViewReplays replays = new ViewReplays(axon.eventProcessingConfiguration(),
                    CitizenAuditProjection.PROCESSING_GROUP, freshness, reader);
            ComplianceSteps compliance = new ComplianceSteps(reader, new ChainVerifier(reader, chain), replays,
                    axon.commandGateway(), axon.eventGateway(), mapper, clock);
            return new ViewReplayRuntime(opened, compliance);
        } catch (ConfigurationException e) {
            Stores.closeAll(opened);
            throw e;
        } catch (Exception e) {
            Stores.closeAll(opened);
            throw new ConfigurationException("cannot open the stores: " + e.getMessage(), e);
        }
    }

    /** Starts the rebuild from the first event, recorded as the operator's; its id. */
    public String replay() {
        return compliance.replay(OPERATOR).replayId();
    }

    public ViewReplays.ReplayStatus status(String replayId) {
        return compliance.replayStatus(replayId);
    }

    /** Stops the projection, then closes the stores. */
    @Override
    public void close() {
        Stores.closeAll(opened);
    }
}
