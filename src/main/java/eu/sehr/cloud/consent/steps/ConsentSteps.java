package eu.sehr.cloud.consent.steps;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;

import com.fasterxml.jackson.annotation.JsonInclude;
import eu.sehr.cloud.consent.api.ConsentCommands.GrantConsentCommand;
import eu.sehr.cloud.consent.api.ConsentCommands.RevokeHcoConsentCommand;
import eu.sehr.cloud.consent.api.ConsentPurpose;
import eu.sehr.cloud.consent.fhir.ConsentDocuments;
import eu.sehr.cloud.domain.NotFound;
import eu.sehr.cloud.infra.Hashes;
import eu.sehr.cloud.infra.http.ApiException;
import eu.sehr.cloud.infra.http.Message;
import eu.sehr.cloud.infra.http.RequestBodies;
import eu.sehr.cloud.security.EmergencyTokens;
import eu.sehr.cloud.security.Principal;
import eu.sehr.cloud.storage.ObjectKeys;
import eu.sehr.cloud.storage.RecordStore;
import org.axonframework.commandhandling.gateway.CommandGateway;

/** Pipeline steps of {@code /citizen/consent/{cloud,hco}}: the proposal, the signed consent, the revocation. */
public final class ConsentSteps {

    private final ConsentDocuments documents;
    private final RequestBodies bodies;
    private final RecordStore store;
    private final CommandGateway commands;
    private final EmergencyTokens emergencyTokens;
    private final Clock clock;

    public ConsentSteps(ConsentDocuments documents, RequestBodies bodies, RecordStore store, CommandGateway commands,
                        EmergencyTokens emergencyTokens, Clock clock) {
        this.documents = documents;
        this.bodies = bodies;
        this.store = store;
        this.clock = clock;
        this.commands = commands;
        this.emergencyTokens = emergencyTokens;
    }

    /** The answer to a signed consent; {@code emergencyToken} only for the HCO consent. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ConsentSigned(String msg, String emergencyToken) {
    }

    public String proposal(Principal citizen, String purpose) {
        return documents.proposal(citizen.subject(), purpose(purpose));
    }

    public ConsentSigned sign(Principal citizen, String purposePath, Object body, String contentType) {
        ConsentPurpose purpose = purpose(purposePath);
        if (contentType != null && !contentType.startsWith("application/fhir+json") && !contentType.startsWith("application/json")) {
            throw ApiException.unsupportedMediaType("the signed consent must be application/fhir+json");
        }
        String document = bodies.text(body);
        documents.requireSigned(document, citizen.subject(), purpose);
        byte[] bytes = document.getBytes(StandardCharsets.UTF_8);
        String sha256 = Hashes.sha256Hex(bytes);
        store.put(ObjectKeys.consent(citizen.account(), purpose.path(), sha256), new ByteArrayInputStream(bytes),
                bytes.length, "CITIZEN");
        String grant = commands.sendAndWait(new GrantConsentCommand(citizen.account(), purpose, sha256, citizen.actor(),
                clock.instant()));
        String message = "the " + purpose.path() + " consent is active";
        return purpose == ConsentPurpose.HCO
                ? new ConsentSigned(message, emergencyTokens.issue(citizen.subject(), citizen.account(), grant))
                : new ConsentSigned(message, null);
    }

    public Message revokeHco(Principal citizen) {
        commands.sendAndWait(new RevokeHcoConsentCommand(citizen.account(), citizen.actor(), clock.instant()));
        return new Message("the hco consent is revoked; every emergency token issued under it is refused from now on");
    }

    private static ConsentPurpose purpose(String path) {
        try {
            return ConsentPurpose.fromPath(path);
        } catch (IllegalArgumentException e) {
            throw new NotFound("no such consent");
        }
    }

}
