package eu.sehr.cloud.audit;

import java.util.Map;
import java.util.function.Function;

import com.mongodb.client.MongoClient;
import eu.sehr.cloud.audit.chain.HashChain;
import eu.sehr.cloud.audit.compliance.AuditorDirectory;
import eu.sehr.cloud.audit.compliance.ChainVerifier;
import eu.sehr.cloud.audit.compliance.EventStoreReader;
import eu.sehr.cloud.audit.compliance.ViewReplays;
import eu.sehr.cloud.audit.query.AuditViews;
import eu.sehr.cloud.audit.query.CitizenAuditProjection;
import eu.sehr.cloud.audit.query.ProjectionFreshness;
import eu.sehr.cloud.audit.steps.AuditorLogin;
import eu.sehr.cloud.audit.steps.CitizenAuditTrail;
import eu.sehr.cloud.audit.steps.ComplianceSteps;
import eu.sehr.cloud.infra.Shared;
import eu.sehr.cloud.security.Logins;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.axonframework.config.EventProcessingConfiguration;

/**
 * The beans of routes/api/audit.camel.yaml: the citizen's audit trail, the compliance officers' login, export,
 * verification and replay, and the MongoDB client of the audit view's index set-up route ({@code mongodb:auditMongo}).
 */
public final class AuditBeans implements CamelConfiguration {

    /** The facts the audit beans read from: the views, their freshness, the event store and the hash chain. */
    public record Sources(MongoClient mongo, AuditViews views, ProjectionFreshness freshness, EventStoreReader reader,
                          HashChain chain, EventProcessingConfiguration processors,
                          Function<String, Map<String, Map<String, Object>>> accessStates) {
    }

    private final Shared shared;
    private final Sources sources;
    private final AuditorDirectory auditors;
    private final Logins logins;

    public AuditBeans(Shared shared, Sources sources, AuditorDirectory auditors, Logins logins) {
        this.shared = shared;
        this.sources = sources;
        this.auditors = auditors;
        this.logins = logins;
    }

    @BindToRegistry
    public MongoClient auditMongo() {
        return sources.mongo();
    }

    @BindToRegistry
    public CitizenAuditTrail citizenAuditTrail() {
        return new CitizenAuditTrail(sources.freshness(), sources.views(), shared.commands(), sources.accessStates(),
                shared.clock());
    }

    @BindToRegistry
    public AuditorLogin auditorLogin() {
        return new AuditorLogin(shared.bodies(), auditors, logins.hasher(), logins.throttle(), logins.tokens(),
                shared.events(), shared.settings().getDuration("sehr.token.auditor-ttl"));
    }

    @BindToRegistry
    public ComplianceSteps complianceSteps() {
        EventStoreReader reader = sources.reader();
        return new ComplianceSteps(reader, new ChainVerifier(reader, sources.chain()),
                new ViewReplays(sources.processors(), CitizenAuditProjection.PROCESSING_GROUP, sources.freshness(), reader),
                shared.commands(), shared.events(), shared.mapper(), shared.clock());
    }
}
