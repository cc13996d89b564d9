package eu.sehr.cloud.emergency.api;

import java.time.Instant;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Closes the citizen's emergency accesses whose time has passed by {@code at}, each with an
 * {@code EmergencyAccessEnded} event.
 */
public record EndExpiredAccessesCommand(@TargetAggregateIdentifier String accountId, Instant at) {
}
