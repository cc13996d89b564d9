package eu.sehr.cloud.emergency.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Closes the citizen's emergency accesses whose time has passed, each with an {@code EmergencyAccessEnded} event. */
public record EndExpiredAccessesCommand(@TargetAggregateIdentifier String accountId) {
}
