package eu.sehr.cloud.consent.api;

import eu.sehr.cloud.audit.api.Actor;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The commands of the consent feature. */
public final class ConsentCommands {

    private ConsentCommands() {
    }

    /** Grants a consent (idempotent); answers the active HCO grant id, or null for the cloud consent. */
    public record GrantConsentCommand(@TargetAggregateIdentifier String accountId, ConsentPurpose purpose,
                                      String documentSha256, Actor actor) {
    }

    public record RevokeHcoConsentCommand(@TargetAggregateIdentifier String accountId, Actor actor) {
    }
}
