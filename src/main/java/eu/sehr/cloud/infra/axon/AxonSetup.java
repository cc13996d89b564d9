package eu.sehr.cloud.infra.axon;

import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;
import java.util.function.Function;

import com.fasterxml.jackson.databind.ObjectMapper;
import eu.sehr.cloud.account.command.CitizenAccount;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.commandhandling.gateway.IntervalRetryScheduler;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.common.caching.WeakReferenceCache;
import org.axonframework.config.AggregateConfigurer;
import org.axonframework.config.Configuration;
import org.axonframework.config.Configurer;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.Message;
import org.axonframework.monitoring.MessageMonitor;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.PostgresTokenTableFactory;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.snapshotting.RevisionSnapshotFilter;
import org.axonframework.modelling.command.Repository;
import org.axonframework.modelling.command.RepositorySpanFactory;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.PostgresEventTableFactory;
import org.axonframework.eventsourcing.eventstore.jpa.SQLStateResolver;
import eu.sehr.cloud.domain.Refusal;
import eu.sehr.cloud.infra.http.ApiException;
import eu.sehr.cloud.transparency.log.EventNames;
import org.axonframework.serialization.Serializer;

/**
 * All Axon wiring, without Spring or Axon Server: the JDBC event store and token store on PostgreSQL, Jackson
 * serialization everywhere (events named by their stable names, {@link StableNameSerializer}), the citizen account
 * aggregate, and the event processors.
 * <ul>
 *   <li>Synchronous handlers (subscribing processors) keep tables that requests decide on in the same transaction
 *       as the event append.</li>
 *   <li>Projections (pooled streaming processors, tokens in PostgreSQL) build the audit views; their errors
 *       propagate so that a failed view update is retried, never skipped.</li>
 * </ul>
 */
public final class AxonSetup {

    private static final int SNAPSHOT_EVERY_EVENTS = 100;
    private static final String UNIQUE_VIOLATION = "23505";
    private static final int PROJECTION_SEGMENTS = 4;
    private static final long EVENT_FETCH_DELAY_MILLIS = 50;
    private static final int PROJECTION_BATCH = 100;
    private static final int COMMAND_RETRIES = 5;
    private static final int COMMAND_RETRY_INTERVAL_MILLIS = 20;

    private AxonSetup() {
    }

    /** What the features contribute: command handlers, synchronous handlers and projections by processing group. */
    public record Handlers(List<Function<Configuration, Object>> commandHandlers, List<Object> synchronous, List<Object> projections,
                           List<Object> components, MessageMonitor<Message<?>> eventStoreMonitor) {
    }

    /** {@code nodeId} names this replica when it claims processor segments in the token store. */
    public static Configuration start(JdbcTransactions transactions, ObjectMapper mapper, Handlers handlers, String nodeId) {
        return start(transactions, mapper, handlers, nodeId, configurer -> {
        });
    }

    /** As above, with {@code extensions} (e.g. the transparency log's sequencer) applied before the configuration is built. */
    public static Configuration start(JdbcTransactions transactions, ObjectMapper mapper, Handlers handlers, String nodeId,
                                      Consumer<Configurer> extensions) {
        // events are stored under their stable names, and read under those or the class names of older rows
        Serializer serializer = StableNameSerializer.of(mapper, new EventNames());
        Configurer configurer = DefaultConfigurer.defaultConfiguration()
                .configureSerializer(c -> serializer)
                .configureMessageSerializer(c -> serializer)
                .configureEventSerializer(c -> serializer)
                .configureTransactionManager(c -> transactions)
                .configureEventStore(c -> eventStore(c, storageEngine(transactions, serializer)))
                .configureMessageMonitor(EventStore.class, (c, type, name) -> handlers.eventStoreMonitor())
                // accounts are cached, and a cached account is used only while no other replica has appended to it
                .configureAggregate(AggregateConfigurer.defaultConfiguration(CitizenAccount.class)
                        .configureRepository(AxonSetup::accountRepository))
                .registerComponent(CommandGateway.class, c -> DefaultCommandGateway.builder()
                        .commandBus(c.commandBus())
                        .retryScheduler(IntervalRetryScheduler.builder()
                                .retryExecutor(retryExecutor())
                                .maxRetryCount(COMMAND_RETRIES)
                                .retryInterval(COMMAND_RETRY_INTERVAL_MILLIS)
                                // only conflicts on a stream are retried; a refusal is final
                                .addNonTransientFailurePredicate(ApiException.class::isInstance)
                                .addNonTransientFailurePredicate(Refusal.class::isInstance)
                                .build())
                        .build());
        configurer.registerComponent(NotifyingEventSource.class, c -> new NotifyingEventSource(c.eventStore()));
        for (Object component : handlers.components()) {
            registerComponent(configurer, component);
        }
        handlers.commandHandlers().forEach(configurer::registerCommandHandler);
        configurer.eventProcessing(processing -> {
            processing.registerTokenStore(c -> tokenStore(transactions, serializer, nodeId));
            processing.registerDefaultListenerInvocationErrorHandler(c -> PropagatingErrorHandler.instance());
            processing.registerDefaultErrorHandler(c -> PropagatingErrorHandler.instance());
            for (Object handler : handlers.synchronous()) {
                String group = ProcessingGroups.of(handler);
                processing.registerSubscribingEventProcessor(group);
                processing.registerEventHandler(c -> handler);
            }
            for (Object handler : handlers.projections()) {
                String group = ProcessingGroups.of(handler);
                processing.registerPooledStreamingEventProcessor(group, c -> c.getComponent(NotifyingEventSource.class),
                        (c, builder) -> builder.initialSegmentCount(PROJECTION_SEGMENTS).batchSize(PROJECTION_BATCH));
                processing.registerEventHandler(c -> handler);
            }
        });
        extensions.accept(configurer);
        Configuration configuration = configurer.buildConfiguration();
        configuration.start();
        return configuration;
    }

    private static Repository<CitizenAccount> accountRepository(Configuration c) {
        EventSourcingRepository.Builder<CitizenAccount> builder = EventSourcingRepository.builder(CitizenAccount.class)
                .parameterResolverFactory(c.parameterResolverFactory())
                .handlerDefinition(c.handlerDefinition(CitizenAccount.class))
                .snapshotTriggerDefinition(new EventCountSnapshotTriggerDefinition(c.snapshotter(), SNAPSHOT_EVERY_EVENTS))
                .repositoryProvider(c::repository)
                .spanFactory(c.getComponent(RepositorySpanFactory.class));
        return new StoreCheckedCachingRepository<>(builder, c.eventStore(), new WeakReferenceCache());
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void registerComponent(Configurer configurer, Object component) {
        configurer.registerComponent((Class) component.getClass(), c -> component);
    }

    /**
     * The event store that feeds the projections. An append here wakes its reader once committed; events that other
     * replicas append are found by polling, every {@code EVENT_FETCH_DELAY_MILLIS} here rather than Axon's default
     * second, which would show as projection lag.
     */
    private static EventStore eventStore(Configuration c, JdbcEventStorageEngine engine) {
        // its shut-down is a lifecycle handler of its own (EmbeddedEventStore is a Lifecycle)
        return EmbeddedEventStore.builder()
                .storageEngine(engine)
                .messageMonitor(c.messageMonitor(EventStore.class, "eventStore"))
                .fetchDelay(EVENT_FETCH_DELAY_MILLIS)
                .build();
    }

    private static JdbcEventStorageEngine storageEngine(JdbcTransactions transactions, Serializer serializer) {
        JdbcEventStorageEngine engine = JdbcEventStorageEngine.builder()
                .connectionProvider(transactions)
                .transactionManager(transactions)
                .snapshotSerializer(serializer)
                .eventSerializer(serializer)
                .dataType(byte[].class)
                // a snapshot of an older shape of the account is ignored: the account is rebuilt from its events
                .snapshotFilter(RevisionSnapshotFilter.builder().type(CitizenAccount.class)
                        .revision(CitizenAccount.SNAPSHOT_REVISION).build())
                // PostgreSQL's unique violation on (aggregate, sequence) is a concurrent append: retried on fresh state
                .persistenceExceptionResolver(new SQLStateResolver(UNIQUE_VIOLATION))
                .build();
        engine.createSchema(PostgresEventTableFactory.INSTANCE);
        return engine;
    }

    private static TokenStore tokenStore(JdbcTransactions transactions, Serializer serializer, String nodeId) {
        JdbcTokenStore store = JdbcTokenStore.builder()
                .connectionProvider(transactions)
                .serializer(serializer)
                .nodeId(nodeId)
                .contentType(byte[].class)
                .build();
        TransactionManager tx = transactions;
        tx.executeInTransaction(() -> store.createSchema(PostgresTokenTableFactory.INSTANCE));
        return store;
    }

    private static ScheduledExecutorService retryExecutor() {
        return Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "axon-command-retry");
            thread.setDaemon(true);
            return thread;
        });
    }
}
