package eu.sehr.cloud.emergency.steps;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import eu.sehr.cloud.consent.steps.RequireConsent;
import eu.sehr.cloud.emergency.api.EmergencyCommands.RefuseEmergencyAccessCommand;
import eu.sehr.cloud.emergency.api.EmergencyCommands.RequestEmergencyAccessCommand;
import eu.sehr.cloud.emergency.api.VerifiedAssertion;
import eu.sehr.cloud.emergency.trust.HcoAssertion;
import eu.sehr.cloud.emergency.trust.HcoTrust;
import eu.sehr.cloud.infra.http.ApiException;
import eu.sehr.cloud.infra.http.JsonBodies;
import eu.sehr.cloud.security.Principal;
import eu.sehr.cloud.security.ReplayGuard;
import eu.sehr.cloud.security.TokenKind;
import eu.sehr.cloud.security.TokenService;
import org.axonframework.commandhandling.gateway.CommandGateway;

/**
 * Pipeline step of {@code POST /hcp/requestaccess}: with the citizen's emergency token and an HCO assertion that
 * chains to a trust anchor, asks the citizen's account for the access (it decides, under the still-active consent
 * grant, and sets its end), then issues the HCP token, a short access token scoped to this citizen, this HCO and
 * this HCP, bound to the consent grant. A refused assertion is recorded on the citizen's stream.
 */
public final class RequestAccess {

    private final JsonBodies bodies;
    private final HcoTrust trust;
    private final ReplayGuard replays;
    private final RequireConsent consent;
    private final CommandGateway commands;
    private final TokenService tokens;
    private final Clock clock;
    private final Duration ttl;

    public RequestAccess(JsonBodies bodies, HcoTrust trust, ReplayGuard replays, RequireConsent consent,
                         CommandGateway commands, TokenService tokens, Clock clock, Duration ttl) {
        this.bodies = bodies;
        this.trust = trust;
        this.replays = replays;
        this.consent = consent;
        this.commands = commands;
        this.tokens = tokens;
        this.clock = clock;
        this.ttl = ttl;
    }

    /** The answer: the HCP token (the contract names the field {@code hcoEmergencyToken}). */
    public record AccessGranted(String msg, String hcoEmergencyToken) {
    }

    /** The request body. */
    public record AccessRequest(String hcoAssertion) {
    }

    public AccessGranted request(Principal emergency, Object body, String contentType) {
        consent.hcoGrant(emergency);
        AccessRequest request = bodies.read(body, contentType, AccessRequest.class);
        HcoAssertion assertion;
        try {
            assertion = trust.verify(request.hcoAssertion());
            replays.firstUse(assertion.hcoKey(), assertion.jti(), assertion.acceptableUntil());
        } catch (ApiException refused) {
            commands.sendAndWait(new RefuseEmergencyAccessCommand(emergency.account(), refused.getMessage(),
                    clock.instant()));
            throw refused.audited();
        }
        String accessId = UUID.randomUUID().toString();
        Instant expiresAt = commands.sendAndWait(new RequestEmergencyAccessCommand(emergency.account(), accessId,
                emergency.grant(), new VerifiedAssertion(assertion.hcoId(), assertion.hcoKey(), assertion.hcoName(),
                        assertion.hcpName(), assertion.certificateSha256(), assertion.justification()), ttl,
                clock.instant()));
        String token = tokens.issue(new Principal(TokenKind.HCP, emergency.subject(), emergency.account(), emergency.grant(),
                assertion.hcoId(), assertion.hcoKey(), assertion.hcoName(), assertion.hcpName(), accessId),
                Duration.between(clock.instant(), expiresAt));
        return new AccessGranted("emergency access granted to " + assertion.hcpName() + " of " + assertion.hcoName()
                + " until " + expiresAt, token);
    }
}
