package eu.sehr.cloud.emergency.steps;

import java.time.Clock;
import java.util.List;

import eu.sehr.cloud.domain.InvalidRequest;
import eu.sehr.cloud.emergency.api.EmergencyCommands.EndEmergencyAccessCommand;
import eu.sehr.cloud.emergency.api.EmergencyCommands.ListEmergencyAccessesCommand;
import eu.sehr.cloud.emergency.api.EmergencyCommands.ReviewEmergencyAccessCommand;
import eu.sehr.cloud.emergency.api.ReviewVerdict;
import eu.sehr.cloud.emergency.query.EmergencyAccessReader;
import eu.sehr.cloud.emergency.query.EmergencyAccessViews.AccessView;
import eu.sehr.cloud.infra.http.JsonBodies;
import eu.sehr.cloud.infra.http.Message;
import eu.sehr.cloud.security.Principal;
import org.axonframework.commandhandling.gateway.CommandGateway;

/**
 * Pipeline steps of the citizen's control of emergency access: the list of their accesses ({@code GET
 * /citizen/emergency}), ending one ({@code DELETE /citizen/emergency/{accessId}}) and reviewing one ({@code POST
 * /citizen/emergency/{accessId}/review}). The account decides (404 unknown, 409 already ended or reviewed).
 */
public final class CitizenEmergencyAccesses {

    public static final int MAX_COMMENT_CHARS = 1000;

    private final EmergencyAccessReader accesses;
    private final JsonBodies bodies;
    private final CommandGateway commands;
    private final Clock clock;

    public CitizenEmergencyAccesses(EmergencyAccessReader accesses, JsonBodies bodies, CommandGateway commands, Clock clock) {
        this.accesses = accesses;
        this.bodies = bodies;
        this.commands = commands;
        this.clock = clock;
    }

    /** The body of a review. */
    public record ReviewRequest(String verdict, String comment) {
    }

    /** The answer of {@code GET /citizen/emergency}: newest first. */
    public record AccessList(List<AccessView> accesses) {
    }

    public AccessList list(Principal citizen) {
        List<AccessView> list = accesses.ofAccount(citizen.account(), clock.instant());
        commands.sendAndWait(new ListEmergencyAccessesCommand(citizen.account(), citizen.actor(), clock.instant()));
        return new AccessList(list);
    }

    public Message end(Principal citizen, String accessId) {
        commands.sendAndWait(new EndEmergencyAccessCommand(citizen.account(), AccessIds.require(accessId),
                citizen.actor(), clock.instant()));
        return new Message("the emergency access has ended; the HCO consent stays active");
    }

    public Message review(Principal citizen, String accessId, Object body, String contentType) {
        String id = AccessIds.require(accessId);
        ReviewRequest request = bodies.read(body, contentType, ReviewRequest.class);
        ReviewVerdict verdict = verdict(request.verdict());
        String comment = Comments.optional(request.comment(), MAX_COMMENT_CHARS);
        commands.sendAndWait(new ReviewEmergencyAccessCommand(citizen.account(), id, verdict, comment, citizen.actor(),
                clock.instant()));
        return new Message(verdict == ReviewVerdict.DISPUTED
                ? "the emergency access is disputed; a compliance officer will decide"
                : "the emergency access is recognised");
    }

    private static ReviewVerdict verdict(String value) {
        for (ReviewVerdict verdict : ReviewVerdict.values()) {
            if (verdict.wire().equals(value)) {
                return verdict;
            }
        }
        throw new InvalidRequest("verdict must be \"recognised\" or \"disputed\"");
    }
}
