package eu.sehr.cloud.records.api;

import eu.sehr.cloud.audit.api.Actor;

/**
 * Who asks for a record access: the citizen, or an HCP under the citizen's HCO consent {@code grantId} with the
 * emergency access {@code accessId} (both null for the citizen). The account decides by the actor's kind which rule
 * applies.
 */
public record Requester(Actor actor, String grantId, String accessId) {

    public static Requester citizen(Actor actor) {
        return new Requester(actor, null, null);
    }

    public static Requester hcp(Actor actor, String grantId, String accessId) {
        return new Requester(actor, grantId, accessId);
    }

    public boolean isHcp() {
        return "HCP".equals(actor.kind());
    }
}
