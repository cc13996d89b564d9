package eu.sehr.cloud.emergency.steps;

import java.time.Clock;

import eu.sehr.cloud.domain.InvalidRequest;
import eu.sehr.cloud.domain.NotFound;
import eu.sehr.cloud.emergency.api.EmergencyCommands.HideRecordFromEmergencyCommand;
import eu.sehr.cloud.emergency.api.EmergencyCommands.ShowRecordInEmergencyCommand;
import eu.sehr.cloud.infra.http.JsonBodies;
import eu.sehr.cloud.infra.http.Message;
import eu.sehr.cloud.infra.http.Names;
import eu.sehr.cloud.records.query.RecordCatalogue;
import eu.sehr.cloud.records.steps.RecordAccess;
import eu.sehr.cloud.records.steps.Target;
import eu.sehr.cloud.security.Principal;
import org.axonframework.commandhandling.gateway.CommandGateway;

/**
 * Pipeline step of {@code PUT /citizen/{bucketName}/{objectName}/emergency}: the citizen hides one of their records
 * from emergency access (EHDS Art. 8), or shows it again. 403 for another's bucket, 404 for an unknown record.
 */
public final class EmergencyVisibility {

    private final RecordAccess access;
    private final RecordCatalogue catalogue;
    private final JsonBodies bodies;
    private final CommandGateway commands;
    private final Clock clock;

    public EmergencyVisibility(RecordAccess access, RecordCatalogue catalogue, JsonBodies bodies, CommandGateway commands,
                               Clock clock) {
        this.access = access;
        this.catalogue = catalogue;
        this.bodies = bodies;
        this.commands = commands;
        this.clock = clock;
    }

    /** The body: {@code {"visible": false}} hides, {@code {"visible": true}} shows. */
    public record VisibilityRequest(Boolean visible) {
    }

    public Message set(Principal citizen, String bucket, String object, Object body, String contentType) {
        Target target = access.target(citizen, bucket);
        Names.requireObjectName(object);
        VisibilityRequest request = bodies.read(body, contentType, VisibilityRequest.class);
        if (request.visible() == null) {
            throw new InvalidRequest("visible must be true or false");
        }
        catalogue.find(target.bucket(), object).orElseThrow(() -> new NotFound("no such record"));
        if (request.visible()) {
            commands.sendAndWait(new ShowRecordInEmergencyCommand(citizen.account(), target.bucket(), object,
                    citizen.actor(), clock.instant()));
            return new Message("the record is reachable in an emergency");
        }
        commands.sendAndWait(new HideRecordFromEmergencyCommand(citizen.account(), target.bucket(), object,
                citizen.actor(), clock.instant()));
        return new Message("the record is hidden from emergency access");
    }
}
