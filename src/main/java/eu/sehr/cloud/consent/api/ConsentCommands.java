package eu.sehr.cloud.consent.api;

import java.time.Instant;

import eu.sehr.cloud.audit.api.Actor;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The commands of the consent feature; {@code at}: when they were asked, from the sender's clock. */
public final class ConsentCommands {

    private ConsentCommands() {
    }

    /** Grants a consent (idempotent); answers the active HCO grant id, or null for the cloud consent. */
    public record GrantConsentCommand(@TargetAggregateIdentifier String accountId, ConsentPurpose purpose,
                                      String documentSha256, Actor actor, Instant at) {
    }

    public record RevokeHcoConsentCommand(@TargetAggregateIdentifier String accountId, Actor actor, Instant at) {
    }
}
