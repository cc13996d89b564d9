package eu.sehr.cloud.audit.api;

import java.time.Instant;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** What compliance officers ask of a citizen's stream; {@code at}: when they asked, from the sender's clock. */
public final class AuditCommands {

    private AuditCommands() {
    }

    /** A compliance officer exports the stream for {@code purpose}: allowed while the stream exists, also after deletion. */
    public record ExportAuditTrailCommand(@TargetAggregateIdentifier String accountId, String purpose, Actor actor,
                                          Instant at) {
    }
}
