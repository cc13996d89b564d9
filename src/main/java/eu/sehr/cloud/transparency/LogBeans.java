package eu.sehr.cloud.transparency;

import eu.sehr.cloud.audit.compliance.EventStoreReader;
import eu.sehr.cloud.audit.query.AuditViews;
import eu.sehr.cloud.audit.query.ProjectionFreshness;
import eu.sehr.cloud.infra.Shared;
import eu.sehr.cloud.transparency.api.LogSteps;
import eu.sehr.cloud.transparency.verify.LogVerification;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;

/**
 * The beans of routes/api/log.camel.yaml (checkpoints, proofs, the citizen's log lines) and the log's part of
 * {@code GET /audit/verify}. (The receipts' route policy factory is bound in infra/Service: Camel looks for it while
 * it configures itself.)
 */
public final class LogBeans implements CamelConfiguration {

    private final Shared shared;
    private final TransparencyLog log;
    private final EventStoreReader reader;
    private final AuditViews views;
    private final ProjectionFreshness freshness;

    public LogBeans(Shared shared, TransparencyLog log, EventStoreReader reader, AuditViews views,
                    ProjectionFreshness freshness) {
        this.shared = shared;
        this.log = log;
        this.reader = reader;
        this.views = views;
        this.freshness = freshness;
    }

    @BindToRegistry
    public LogSteps logSteps() {
        return log.steps(shared.commands(), shared.clock());
    }

    @BindToRegistry
    public LogVerification logVerification() {
        return log.verification(reader, views::read, freshness::covers);
    }
}
