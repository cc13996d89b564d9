package eu.sehr.cloud.emergency.api;

import java.time.Instant;

import eu.sehr.cloud.audit.api.Actor;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** What citizens and compliance officers ask of an account's emergency accesses; {@code at}: when they asked. */
public final class EmergencyCommands {

    private EmergencyCommands() {
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
