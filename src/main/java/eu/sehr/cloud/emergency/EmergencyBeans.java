package eu.sehr.cloud.emergency;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

import eu.sehr.cloud.consent.steps.RequireConsent;
import eu.sehr.cloud.emergency.query.EmergencyAccessLog;
import eu.sehr.cloud.emergency.query.EmergencyAccessReader;
import eu.sehr.cloud.emergency.query.HiddenRecords;
import eu.sehr.cloud.emergency.steps.CitizenEmergencyAccesses;
import eu.sehr.cloud.emergency.steps.DisputeDecisions;
import eu.sehr.cloud.emergency.steps.EmergencyVisibility;
import eu.sehr.cloud.emergency.steps.RequestAccess;
import eu.sehr.cloud.emergency.trust.HcoTrust;
import eu.sehr.cloud.infra.Shared;
import eu.sehr.cloud.infra.Sql;
import eu.sehr.cloud.records.query.RecordCatalogue;
import eu.sehr.cloud.records.steps.RecordAccess;
import eu.sehr.cloud.security.ReplayGuard;
import eu.sehr.cloud.security.TokenService;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;

/**
 * The wiring of emergency access: the tables its requests decide on (kept by synchronous handlers, registered with
 * Axon before it starts), and the pipeline beans that routes/api/hcp.camel.yaml (an HCP asks for access),
 * emergency-citizen.camel.yaml and emergency-disputes.camel.yaml name. The HCP routes' standing check of an open
 * access is part of their policy ({@code hcpPolicy}, security/SecurityBeans).
 */
public final class EmergencyBeans implements CamelConfiguration {

    /** What an HCP's request for access is checked with: the trusted HCOs, the consent grant, the token service. */
    public record AccessChecks(HcoTrust trust, RequireConsent consent, TokenService tokens) {
    }

    private final Shared shared;
    private final Sql sql;
    private final EmergencyAccessReader reader;
    private final RecordAccess access;
    private final RecordCatalogue catalogue;
    private final AccessChecks checks;

    public EmergencyBeans(Shared shared, Sql sql, RecordAccess access, RecordCatalogue catalogue, AccessChecks checks) {
        this.shared = shared;
        this.sql = sql;
        this.reader = new EmergencyAccessReader(sql);
        this.access = access;
        this.catalogue = catalogue;
        this.checks = checks;
    }

    /** Kept in the same transaction as their events: the access log and the hidden records' marks. */
    public static List<Object> synchronousHandlers(Sql sql) {
        return List.of(new EmergencyAccessLog(sql), new HiddenRecords(sql));
    }

    /** For the citizen's audit: each access's present state by access id ({@link EmergencyAccessReader#auditStatesOf}). */
    public Function<String, Map<String, Map<String, Object>>> accessStates() {
        return account -> reader.auditStatesOf(account, shared.clock().instant());
    }

    @BindToRegistry
    public RequestAccess requestAccess() {
        return new RequestAccess(shared.bodies(), checks.trust(), new ReplayGuard(sql, shared.clock()), checks.consent(),
                shared.commands(), checks.tokens(), shared.clock(), shared.settings().getDuration("sehr.hco.token-ttl"));
    }

    @BindToRegistry
    public CitizenEmergencyAccesses citizenEmergencyAccesses() {
        return new CitizenEmergencyAccesses(reader, shared.bodies(), shared.commands(), shared.clock());
    }

    @BindToRegistry
    public DisputeDecisions disputeDecisions() {
        return new DisputeDecisions(reader, shared.bodies(), shared.commands(), shared.clock());
    }

    @BindToRegistry
    public EmergencyVisibility emergencyVisibility() {
        return new EmergencyVisibility(access, catalogue, shared.bodies(), shared.commands(), shared.clock());
    }
}
