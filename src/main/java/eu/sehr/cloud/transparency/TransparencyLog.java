package eu.sehr.cloud.transparency;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import java.util.function.LongPredicate;

import eu.sehr.cloud.audit.compliance.EventStoreReader;
import eu.sehr.cloud.transparency.verify.LogVerification;
import eu.sehr.cloud.transparency.verify.ViewLinesCheck;
import org.bson.Document;

import com.fasterxml.jackson.databind.ObjectMapper;
import eu.sehr.cloud.infra.Settings;
import eu.sehr.cloud.infra.Sql;
import eu.sehr.cloud.transparency.api.LogSteps;
import eu.sehr.cloud.transparency.log.CheckpointLoop;
import eu.sehr.cloud.transparency.log.CheckpointSigner;
import eu.sehr.cloud.transparency.log.CheckpointTable;
import eu.sehr.cloud.transparency.log.EventLeaves;
import eu.sehr.cloud.transparency.log.EventNames;
import eu.sehr.cloud.transparency.log.LeafAppender;
import eu.sehr.cloud.transparency.log.LeafEncoder;
import eu.sehr.cloud.transparency.log.LeafSalts;
import eu.sehr.cloud.transparency.log.LeafTable;
import eu.sehr.cloud.transparency.log.LogKey;
import eu.sehr.cloud.transparency.log.LogReads;
import eu.sehr.cloud.transparency.log.LogSequencer;
import eu.sehr.cloud.transparency.log.NodeTable;
import eu.sehr.cloud.transparency.log.TreeHead;
import eu.sehr.cloud.transparency.merkle.TreeProofs;
import eu.sehr.cloud.transparency.note.SignerKey;
import eu.sehr.cloud.transparency.receipt.AuditReceipts;
import eu.sehr.cloud.transparency.receipt.CurrentRequest;
import eu.sehr.cloud.transparency.receipt.ReceiptMonitor;
import eu.sehr.cloud.transparency.receipt.ReceiptSigner;
import eu.sehr.cloud.transparency.receipt.SaltingInterceptor;
import eu.sehr.cloud.transparency.cosign.WitnessPusher;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.config.Configuration;
import org.axonframework.config.Configurer;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.lifecycle.Phase;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.StreamableMessageSource;
import org.axonframework.monitoring.MessageMonitor;

/**
 * The transparency log's wiring: the sequencer (an Axon tracking processor of one segment over the event store),
 * the salting of events as they are stored, receipts, the checkpoint loop and witnesses, and the HTTP steps.
 *
 * <p>Settings: {@code sehr.log.origin}, {@code sehr.log.signing-key-file} (else {@code log-signing-key} in the data
 * dir), {@code sehr.log.rotate-key}, {@code sehr.log.max-merge-delay}, {@code sehr.log.witnesses}.
 */
public final class TransparencyLog implements AutoCloseable {

    private static final int SEQUENCER_BATCH = 500;

    private final SignerKey key;
    private final Duration maxMergeDelay;
    private final LogSequencer sequencer;
    private final SaltingInterceptor salting;
    private final ReceiptMonitor receiptMonitor;
    private final AuditReceipts receipts;
    private final LogReads reads;
    private final CheckpointLoop loop;
    private final Parts parts;

    /** What the verification of the log against the event store is built from. */
    private record Parts(ConnectionProvider connections, ObjectMapper mapper, EventLeaves leaves, LeafEncoder encoder) {
    }

    private TransparencyLog(SignerKey key, Duration maxMergeDelay, LogSequencer sequencer, SaltingInterceptor salting,
                            ReceiptMonitor receiptMonitor, AuditReceipts receipts, LogReads reads, CheckpointLoop loop,
                            Parts parts) {
        this.key = key;
        this.maxMergeDelay = maxMergeDelay;
        this.sequencer = sequencer;
        this.salting = salting;
        this.receiptMonitor = receiptMonitor;
        this.receipts = receipts;
        this.reads = reads;
        this.loop = loop;
        this.parts = parts;
    }

    public static TransparencyLog create(Settings settings, ConnectionProvider connections, ObjectMapper mapper) {
        Sql sql = new Sql(connections);
        String origin = settings.get("sehr.log.origin");
        Duration maxMergeDelay = settings.getDuration("sehr.log.max-merge-delay");
        Path keyFile = settings.find("sehr.log.signing-key-file").map(Path::of)
                .orElse(settings.dataDir().resolve("log-signing-key"));
        SignerKey key = LogKey.load(keyFile, origin, sql, Boolean.parseBoolean(settings.find("sehr.log.rotate-key").orElse("false")));

        SecureRandom random = new SecureRandom();
        LeafSalts salts = new LeafSalts(random);
        EventLeaves leaves = new EventLeaves(mapper, new EventNames());
        LeafEncoder encoder = new LeafEncoder(mapper);
        TreeHead head = new TreeHead(sql);
        LeafTable leafTable = new LeafTable(connections);
        NodeTable nodes = new NodeTable(connections);
        CheckpointTable checkpoints = new CheckpointTable(sql);
        LogSequencer sequencer = new LogSequencer(leaves, encoder, salts, new LeafAppender(head, leafTable, nodes));

        CurrentRequest current = new CurrentRequest();
        ReceiptSigner receiptSigner = new ReceiptSigner(key, maxMergeDelay, Clock.systemUTC());
        TreeProofs proofs = new TreeProofs(nodes);
        WitnessPusher witnesses = WitnessPusher.fromSetting(settings.find("sehr.log.witnesses").orElse(""), checkpoints,
                proofs, sql);
        CheckpointLoop loop = new CheckpointLoop(new CheckpointSigner(origin, key, head, proofs, checkpoints), witnesses);
        return new TransparencyLog(key, maxMergeDelay, sequencer, new SaltingInterceptor(salts, leaves, encoder, current),
                new ReceiptMonitor(current, receiptSigner), new AuditReceipts(current),
                new LogReads(checkpoints, leafTable, nodes), loop, new Parts(connections, mapper, leaves, encoder));
    }

    /** Registers the sequencer and the salting of events with Axon, before its configuration is built. */
    public void configure(Configurer configurer) {
        configurer.onInitialize(c -> c.onStart(Phase.INSTRUCTION_COMPONENTS, () -> registerSalting(c)));
        configurer.eventProcessing(processing -> {
            processing.registerTrackingEventProcessor(LogSequencer.PROCESSING_GROUP, Configuration::eventStore,
                    c -> TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                            .andInitialSegmentsCount(1)
                            .andBatchSize(SEQUENCER_BATCH)
                            .andInitialTrackingToken(StreamableMessageSource::createTailToken));
            processing.registerEventHandler(c -> sequencer);
        });
    }

    private void registerSalting(Configuration configuration) {
        configuration.eventStore().registerDispatchInterceptor(salting);
    }

    /** Signs receipts once events are stored; add it to the event store's monitors. */
    public MessageMonitor<Message<?>> receiptMonitor() {
        return receiptMonitor;
    }

    /** The HTTP half of the receipts: a router handler, and the route policy (a bean) that binds requests to threads. */
    public AuditReceipts receipts() {
        return receipts;
    }

    public LogSteps steps(CommandGateway commands, Clock clock) {
        return new LogSteps(key.verifierKey(), reads, commands, clock);
    }

    /**
     * The extension of {@code GET /audit/verify}: the event store, the log and the citizen audit view must agree.
     * {@code viewOf} reads an account's view lines, {@code projected} tells whether the view has taken an event position.
     */
    public LogVerification verification(EventStoreReader reader, Function<String, List<Document>> viewOf,
                                        LongPredicate projected) {
        return LogVerification.create(reader, parts.connections(), parts.leaves(), parts.encoder(), reads,
                key.verifierKey().verifier(), new ViewLinesCheck(viewOf, projected, parts.mapper()), maxMergeDelay, parts.mapper());
    }

    /** Starts signing checkpoints (and pushing them to witnesses). */
    public void start() {
        loop.start(maxMergeDelay);
    }

    @Override
    public void close() {
        loop.close();
    }
}
