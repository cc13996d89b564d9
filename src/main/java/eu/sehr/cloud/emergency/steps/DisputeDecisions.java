package eu.sehr.cloud.emergency.steps;

import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import eu.sehr.cloud.audit.api.AuditCommands.ExportAuditTrailCommand;
import eu.sehr.cloud.domain.InvalidRequest;
import eu.sehr.cloud.domain.NotFound;
import eu.sehr.cloud.emergency.api.DisputeDecision;
import eu.sehr.cloud.emergency.api.EmergencyCommands.DecideDisputeCommand;
import eu.sehr.cloud.emergency.query.EmergencyAccessReader;
import eu.sehr.cloud.emergency.query.EmergencyAccessViews.DisputeView;
import eu.sehr.cloud.infra.http.JsonBodies;
import eu.sehr.cloud.infra.http.Message;
import eu.sehr.cloud.security.Principal;
import org.axonframework.commandhandling.gateway.CommandGateway;

/**
 * Pipeline steps of the compliance officers' dispute queue: the disputed emergency accesses ({@code GET
 * /audit/disputes?state=open|decided}) and the decision on one ({@code POST /audit/disputes/{accessId}/decision}).
 * Reading the queue shows citizens' data to the officer, so each citizen whose dispute was shown sees that read in
 * their audit ({@code compliance}, purpose {@code disputes}).
 */
public final class DisputeDecisions {

    public static final int MAX_COMMENT_CHARS = 1000;

    private final EmergencyAccessReader accesses;
    private final JsonBodies bodies;
    private final CommandGateway commands;
    private final Clock clock;

    public DisputeDecisions(EmergencyAccessReader accesses, JsonBodies bodies, CommandGateway commands, Clock clock) {
        this.accesses = accesses;
        this.bodies = bodies;
        this.commands = commands;
        this.clock = clock;
    }

    /** The body of a decision. */
    public record DecisionRequest(String decision, String comment) {
    }

    /** The answer of {@code GET /audit/disputes}: oldest dispute first. */
    public record DisputeList(List<DisputeView> disputes) {
    }

    public DisputeList list(Principal auditor, String state) {
        List<DisputeView> disputes = accesses.disputes(decided(state));
        Set<String> citizens = new LinkedHashSet<>();
        disputes.forEach(dispute -> accesses.accountOf(dispute.accessId()).ifPresent(citizens::add));
        for (String account : citizens) {
            commands.sendAndWait(new ExportAuditTrailCommand(account, "disputes", auditor.actor(), clock.instant()));
        }
        return new DisputeList(disputes);
    }

    public Message decide(Principal auditor, String accessId, Object body, String contentType) {
        String id = AccessIds.require(accessId);
        DecisionRequest request = bodies.read(body, contentType, DecisionRequest.class);
        DisputeDecision decision = decision(request.decision());
        String comment = Comments.optional(request.comment(), MAX_COMMENT_CHARS);
        String account = accesses.accountOf(id)
                .orElseThrow(() -> new NotFound("no disputed emergency access has this id"));
        commands.sendAndWait(new DecideDisputeCommand(account, id, decision, comment, auditor.actor(), clock.instant()));
        return new Message("the dispute is decided: the access was " + decision.wire());
    }

    /** {@code open} (also when absent) or {@code decided}; anything else is a 400. */
    private static boolean decided(String state) {
        if (state == null || state.equals("open")) {
            return false;
        }
        if (state.equals("decided")) {
            return true;
        }
        throw new InvalidRequest("state must be \"open\" or \"decided\"");
    }

    private static DisputeDecision decision(String value) {
        for (DisputeDecision decision : DisputeDecision.values()) {
            if (decision.wire().equals(value)) {
                return decision;
            }
        }
        throw new InvalidRequest("decision must be \"justified\" or \"unjustified\"");
    }
}
