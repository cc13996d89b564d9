package eu.sehr.cloud.emergency;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import eu.sehr.cloud.emergency.query.EmergencyAccessLog;
import eu.sehr.cloud.emergency.query.EmergencyAccessReader;
import eu.sehr.cloud.emergency.query.HiddenRecords;
import eu.sehr.cloud.emergency.steps.CitizenEmergencyAccesses;
import eu.sehr.cloud.emergency.steps.DisputeDecisions;
import eu.sehr.cloud.emergency.steps.EmergencyVisibility;
import eu.sehr.cloud.infra.Sql;
import eu.sehr.cloud.infra.http.JsonBodies;
import eu.sehr.cloud.records.query.RecordCatalogue;
import eu.sehr.cloud.records.steps.RecordAccess;
import org.axonframework.commandhandling.gateway.CommandGateway;

/**
 * The wiring of the citizen's control of emergency access: the tables its requests decide on (kept by synchronous
 * handlers, registered with Axon before it starts) and the pipeline beans that routes/api/emergency-citizen.camel.yaml
 * and emergency-disputes.camel.yaml name (bound once Axon's command gateway exists). The HCP routes' standing check
 * of an open access is part of their policy (security/AudiencePolicy, wired in infra/Service).
 */
public final class EmergencyBeans {

    private final Sql sql;
    private final Clock clock;
    private final EmergencyAccessReader reader;

    public EmergencyBeans(Sql sql, Clock clock) {
        this.sql = sql;
        this.clock = clock;
        this.reader = new EmergencyAccessReader(sql);
    }

    /** Kept in the same transaction as their events: the access log and the hidden records' marks. */
    public List<Object> synchronousHandlers() {
        return List.of(new EmergencyAccessLog(sql), new HiddenRecords(sql));
    }

    /** For the citizen's audit: each access's present state by access id ({@link EmergencyAccessReader#auditStatesOf}). */
    public Function<String, Map<String, Map<String, Object>>> accessStates() {
        return account -> reader.auditStatesOf(account, clock.instant());
    }

    /** The pipeline beans, by the names the routes use. */
    public Map<String, Object> pipelineBeans(CommandGateway commands, JsonBodies bodies, RecordAccess access,
                                             RecordCatalogue catalogue) {
        return Map.of(
                "citizenEmergencyAccesses", new CitizenEmergencyAccesses(reader, bodies, commands, clock),
                "disputeDecisions", new DisputeDecisions(reader, bodies, commands, clock),
                "emergencyVisibility", new EmergencyVisibility(access, catalogue, bodies, commands, clock));
    }
}
