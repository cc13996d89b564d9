package eu.sehr.cloud.infra;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import eu.sehr.cloud.account.AccountBeans;
import eu.sehr.cloud.account.command.CitizenAccount;
import eu.sehr.cloud.account.command.Registration;
import eu.sehr.cloud.account.query.AccountDirectory;
import eu.sehr.cloud.audit.AuditBeans;
import eu.sehr.cloud.audit.chain.HashChain;
import eu.sehr.cloud.audit.compliance.AuditorDirectory;
import eu.sehr.cloud.audit.compliance.EventStoreReader;
import eu.sehr.cloud.audit.query.AuditViews;
import eu.sehr.cloud.audit.query.CitizenAuditProjection;
import eu.sehr.cloud.audit.query.ProjectionFreshness;
import eu.sehr.cloud.consent.ConsentBeans;
import eu.sehr.cloud.consent.steps.RequireConsent;
import eu.sehr.cloud.emergency.EmergencyBeans;
import eu.sehr.cloud.emergency.query.OpenAccesses;
import eu.sehr.cloud.emergency.steps.AccessEndSweeper;
import eu.sehr.cloud.emergency.steps.RequireOpenAccess;
import eu.sehr.cloud.emergency.trust.HcoCertificateProfile;
import eu.sehr.cloud.emergency.trust.HcoTrust;
import eu.sehr.cloud.extensions.CitizenNames;
import eu.sehr.cloud.extensions.ExtensionEvents;
import eu.sehr.cloud.infra.axon.AxonSetup;
import eu.sehr.cloud.infra.axon.JdbcTransactions;
import eu.sehr.cloud.infra.http.ApiServer;
import eu.sehr.cloud.infra.http.CamelMain;
import eu.sehr.cloud.infra.http.ClientRequestCap;
import eu.sehr.cloud.infra.http.DocumentBodies;
import eu.sehr.cloud.infra.http.HttpBeans;
import eu.sehr.cloud.infra.http.HttpDefaults;
import eu.sehr.cloud.infra.http.JsonBodies;
import eu.sehr.cloud.infra.http.Reply;
import eu.sehr.cloud.infra.http.RequestBodies;
import eu.sehr.cloud.notifications.NotificationBeans;
import eu.sehr.cloud.operations.AuditMeters;
import eu.sehr.cloud.operations.DependencyOutage;
import eu.sehr.cloud.operations.EventAppendCounter;
import eu.sehr.cloud.operations.Metrics;
import eu.sehr.cloud.operations.OperationsBeans;
import eu.sehr.cloud.operations.Readiness;
import eu.sehr.cloud.records.RecordsBeans;
import eu.sehr.cloud.records.query.BucketRegistry;
import eu.sehr.cloud.records.query.RecordCatalogue;
import eu.sehr.cloud.records.steps.RecordAccess;
import eu.sehr.cloud.security.ClientAddresses;
import eu.sehr.cloud.security.EmergencyTokens;
import eu.sehr.cloud.security.LoginLimits;
import eu.sehr.cloud.security.LoginThrottle;
import eu.sehr.cloud.security.Logins;
import eu.sehr.cloud.security.PasswordHasher;
import eu.sehr.cloud.security.SecurityBeans;
import eu.sehr.cloud.security.SigningKey;
import eu.sehr.cloud.security.TokenService;
import eu.sehr.cloud.storage.RecordStore;
import eu.sehr.cloud.transparency.LogBeans;
import eu.sehr.cloud.transparency.TransparencyLog;
import org.apache.camel.CamelContext;
import org.apache.camel.main.Main;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.Configuration;
import org.axonframework.monitoring.MultiMessageMonitor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: opens the stores, starts Axon, hands each feature's bean configuration ({@code *Beans}) to
 * Camel and starts it with the routes. Closing it stops everything in reverse order.
 */
public final class Service implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Service.class);

    private final Stores stores;
    private final Configuration axon;
    private final Main camel;
    private final ApiServer server;
    private final List<AutoCloseable> workers;

    private Service(Stores stores, Configuration axon, Main camel, ApiServer server, List<AutoCloseable> workers) {
        this.stores = stores;
        this.axon = axon;
        this.camel = camel;
        this.server = server;
        this.workers = workers;
    }

    public static Service start(Settings settings) {
        long started = System.nanoTime();
        SettingsCheck.check(settings, System.getenv());
        Clock clock = Clock.systemUTC();
        // the files that settings name are read before any store starts
        HcoTrust hcoTrust = HcoTrust.fromPath(settings.find("sehr.hco.trust-anchors").map(Path::of),
                settings.find("sehr.hco.crls").map(Path::of), HcoCertificateProfile.of(
                        settings.find("sehr.hco.required-eku"), settings.find("sehr.hco.certificate-policies")), clock);
        Stores stores = Stores.open(settings);
        Configuration axon = null;
        Main camel = null;
        ApiServer server = null;
        AccessEndSweeper sweeper = null;
        Readiness readiness = null;
        TransparencyLog transparencyLog = null;
        try {
            ObjectMapper mapper = Json.newMapper();
            JdbcTransactions transactions = new JdbcTransactions(stores.dataSource());
            Sql sql = new Sql(transactions);
            HashChain chain = new HashChain(mapper);
            AccountDirectory directory = new AccountDirectory(sql);

            BucketRegistry bucketRegistry = new BucketRegistry(sql);
            // the HTTP server's Vert.x is made first: record reads go through its HTTP client
            server = ApiServer.create(settings);
            RecordStore store = new RecordStore(stores.objectStorage(), server.vertx(), stores.bucket());
            RecordCatalogue catalogue = new RecordCatalogue(sql, store::discard);
            OpenAccesses openAccesses = new OpenAccesses(sql);
            AuditViews auditViews = new AuditViews(stores.mongo().getDatabase(settings.get("sehr.mongodb.database")),
                    new DependencyOutage("MongoDB (the audit views) at "
                    + settings.find("sehr.mongodb.uri").map(Redacted::url).orElse("the embedded server"),
                    "the " + CitizenAuditProjection.PROCESSING_GROUP + " processor", clock));
            // extension hooks (routes/api/extensions.camel.yaml): a processor of its own, only when a consumer is configured
            ExtensionEvents extensionEvents = new ExtensionEvents(new CitizenNames(sql)::usernameOf, mapper,
                    new DependencyOutage("the extension consumers " + settings.find("sehr.extensions.event-consumers")
                            .orElse(""), "the " + ExtensionEvents.PROCESSING_GROUP + " processor", clock));
            List<Object> projections = settings.find("sehr.extensions.event-consumers").isPresent()
                    ? List.of(new CitizenAuditProjection(auditViews), extensionEvents)
                    : List.of(new CitizenAuditProjection(auditViews));
            EventAppendCounter appendCounter = new EventAppendCounter();
            transparencyLog = TransparencyLog.create(settings, transactions, mapper);
            SigningKey signingKey = SigningKey.fromSettings(settings);
            NotificationBeans notifications = new NotificationBeans(settings, sql, mapper, clock, signingKey);
            axon = AxonSetup.start(transactions, mapper, new AxonSetup.Handlers(
                    List.of(c -> new Registration(c.repository(CitizenAccount.class), directory, chain)),
                    Lists.concat(List.of(directory, bucketRegistry, catalogue, openAccesses),
                            EmergencyBeans.synchronousHandlers(sql), notifications.synchronousHandlers()),
                    projections,
                    List.of(chain), new MultiMessageMonitor<>(appendCounter, transparencyLog.receiptMonitor())),
                    settings.find("sehr.node-id").orElse(ManagementFactory.getRuntimeMXBean().getName()),
                    transparencyLog::configure);
            transparencyLog.start();
            CommandGateway commands = axon.getComponent(CommandGateway.class);

            TokenService tokens = new TokenService(signingKey, clock);
            EmergencyTokens emergencyTokens = new EmergencyTokens(tokens, settings.getDuration("sehr.token.emergency-ttl"));
            ClientAddresses clientAddresses = ClientAddresses.fromList(settings.find("sehr.http.trusted-proxies").orElse(""));
            DocumentBodies documents = DocumentBodies.exceptRecordUploads();
            RequestBodies requestBodies = new RequestBodies(documents);
            Logins logins = new Logins(new PasswordHasher(), new LoginThrottle(transactions, sql, clock,
                    LoginLimits.from(settings)), tokens);
            RecordAccess access = new RecordAccess(bucketRegistry, commands, clock);
            RequireConsent requireConsent = new RequireConsent(directory);
            AuditorDirectory auditors = new AuditorDirectory(sql);
            EventStoreReader eventReader = new EventStoreReader(stores.dataSource(), mapper);
            readiness = new Readiness(stores.minio(), stores.bucket(), stores.dataSource(), stores.mongo(),
                    settings.get("sehr.mongodb.database"), axon.eventProcessingConfiguration(),
                    List.of(CitizenAuditProjection.PROCESSING_GROUP));
            ProjectionFreshness freshness = new ProjectionFreshness(sql, axon.serializer(), axon.eventProcessingConfiguration(),
                    CitizenAuditProjection.PROCESSING_GROUP, CitizenAuditProjection.class,
                    settings.getDuration("sehr.audit.read-your-writes-wait"));
            sweeper = new AccessEndSweeper(openAccesses, commands, clock);
            sweeper.start(settings.getDuration("sehr.hco.sweep-interval"));

            Main main = CamelMain.create(settings);
            camel = main;
            server.attachTo(main);
            Metrics metrics = new Metrics(main::getCamelContext);
            // the beans that routes name, one configuration class per feature (@BindToRegistry methods named as the beans)
            Shared shared = new Shared(settings, mapper, commands, axon.eventGateway(), clock, metrics, requestBodies,
                    new JsonBodies(mapper, requestBodies));
            EmergencyBeans emergency = new EmergencyBeans(shared, sql, access, catalogue,
                    new EmergencyBeans.AccessChecks(hcoTrust, requireConsent, tokens));
            Reply reply = new Reply(mapper, server.vertx());
            List.of(new HttpBeans(mapper, reply),
                    new SecurityBeans(tokens, directory, auditors, requireConsent::hcoGrant,
                            new RequireOpenAccess(openAccesses, clock)::check, signingKey, clientAddresses),
                    new AccountBeans(shared, sql, clientAddresses, directory, logins, emergencyTokens, bucketRegistry, store,
                            stores.minio()),
                    new ConsentBeans(shared, requireConsent, store, emergencyTokens),
                    new RecordsBeans(shared, access, store, catalogue, reply),
                    emergency,
                    new AuditBeans(shared, new AuditBeans.Sources(stores.mongo(), auditViews, freshness, eventReader, chain,
                            axon.eventProcessingConfiguration(), emergency.accessStates()), auditors, logins),
                    new OperationsBeans(readiness, metrics),
                    new LogBeans(shared, transparencyLog, eventReader, auditViews, freshness),
                    notifications).forEach(main.configure()::addConfiguration);
            // found by type while Camel configures itself, before it binds the configuration classes' beans
            camel.bind("metricsRegistry", Metrics.newRegistry());
            camel.bind("auditReceipts", transparencyLog.receipts());
            camel.start();
            if (camel.getCamelContext() == null || !camel.getCamelContext().isStarted()) {
                throw new ConfigurationException("the HTTP server did not start (is port " + settings.get("sehr.port") + " free?)");
            }
            new HttpDefaults(server.isTls(), new ClientRequestCap(clientAddresses,
                    settings.getInt("sehr.http.max-requests-per-client")), documents, metrics::answered).install(server.router());
            server.router().route().order(Integer.MIN_VALUE + 4).handler(transparencyLog.receipts());
            extensionEvents.connect(camel.getCamelContext().createProducerTemplate());
            notifications.registerMetrics(metrics);
            AuditMeters.register(metrics, appendCounter, eventReader, freshness);
            server.listen();
            LOG.info("S-EHR Cloud serves on port {} (started in {} ms)", settings.get("sehr.port"),
                    (System.nanoTime() - started) / 1_000_000);
            return new Service(stores, axon, camel, server, List.of(sweeper, readiness, transparencyLog));
        } catch (RuntimeException e) {
            // stop what started, in reverse order
            Configuration startedAxon = axon;
            Main startedCamel = camel;
            Stream.<AutoCloseable>of(sweeper, readiness, transparencyLog, startedCamel == null ? null : startedCamel::stop, server,
                            startedAxon == null ? null : startedAxon::shutdown, stores)
                    .filter(Objects::nonNull).forEach(Service::closeQuietly);
            throw e;
        }
    }

    private static void closeQuietly(AutoCloseable worker) {
        try {
            worker.close();
        } catch (Exception e) {
            LOG.warn("Stopping {} failed: {}", worker.getClass().getSimpleName(), e.toString());
        }
    }

    public CamelContext camelContext() {
        return camel.getCamelContext();
    }

    public Stores stores() {
        return stores;
    }

    public Configuration axon() {
        return axon;
    }

    @Override
    public void close() {
        try {
            workers.forEach(Service::closeQuietly);
            camel.stop();
            server.close();
        } finally {
            axon.shutdown();
            stores.close();
        }
    }
}
