package eu.sehr.cloud.emergency.api;

import java.time.Duration;
import java.time.Instant;

import eu.sehr.cloud.audit.api.Actor;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** What citizens and compliance officers ask of an account's emergency accesses; {@code at}: when they asked. */
public final class EmergencyCommands {

    private EmergencyCommands() {
    }

    /**
     * An HCP, with the citizen's emergency token (bound to HCO consent {@code grantId}) and a verified HCO assertion,
     * asks for access {@code accessId} for {@code ttl}: granted while that consent is active; answers the access's end.
     */
    public record RequestEmergencyAccessCommand(@TargetAggregateIdentifier String accountId, String accessId,
                                                String grantId, VerifiedAssertion assertion, Duration ttl, Instant at) {
    }

    /** A request for emergency access with the citizen's emergency token was refused ({@code reason}, never the token). */
    public record RefuseEmergencyAccessCommand(@TargetAggregateIdentifier String accountId, String reason, Instant at) {
    }

    /** The citizen lists their emergency accesses. */
    public record ListEmergencyAccessesCommand(@TargetAggregateIdentifier String accountId, Actor actor, Instant at) {
    }

    /** The citizen ends one open access now, keeping the HCO consent. */
    public record EndEmergencyAccessCommand(@TargetAggregateIdentifier String accountId, String accessId, Actor actor,
                                            Instant at) {
    }

    /** The citizen recognises or disputes one access, once. */
    public record ReviewEmergencyAccessCommand(@TargetAggregateIdentifier String accountId, String accessId,
                                               ReviewVerdict verdict, String comment, Actor actor, Instant at) {
    }

    /** A compliance officer decides a disputed access, once. */
    public record DecideDisputeCommand(@TargetAggregateIdentifier String accountId, String accessId,
                                       DisputeDecision decision, String comment, Actor actor, Instant at) {
    }

    /** The citizen keeps one record out of every emergency access. */
    public record HideRecordFromEmergencyCommand(@TargetAggregateIdentifier String accountId, String bucket, String object,
                                                 Actor actor, Instant at) {
    }

    /** The citizen lets emergency access reach a hidden record again. */
    public record ShowRecordInEmergencyCommand(@TargetAggregateIdentifier String accountId, String bucket, String object,
                                               Actor actor, Instant at) {
    }
}
