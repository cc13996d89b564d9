package eu.sehr.cloud.account.steps;

import java.time.Clock;
import java.util.UUID;

import eu.sehr.cloud.account.api.AccountCommands.RegisterCitizenCommand;
import eu.sehr.cloud.audit.api.Actor;
import eu.sehr.cloud.infra.http.ApiException;
import eu.sehr.cloud.infra.http.JsonBodies;
import eu.sehr.cloud.infra.http.Message;
import eu.sehr.cloud.infra.http.Names;
import eu.sehr.cloud.security.PasswordHasher;
import org.axonframework.commandhandling.gateway.CommandGateway;

/** Pipeline step of {@code POST /citizen/register}. */
public final class RegisterCitizen {

    static final int MIN_PASSWORD = 8;

    private final JsonBodies bodies;
    private final PasswordHasher hasher;
    private final CommandGateway commands;
    private final Clock clock;

    public RegisterCitizen(JsonBodies bodies, PasswordHasher hasher, CommandGateway commands, Clock clock) {
        this.bodies = bodies;
        this.hasher = hasher;
        this.commands = commands;
        this.clock = clock;
    }

    public Message register(Object body, String contentType) {
        Credentials credentials = bodies.read(body, contentType, Credentials.class);
        String username = Names.requireUsername(credentials.username());
        String password = credentials.password();
        if (password == null || password.length() < MIN_PASSWORD || password.length() > Credentials.MAX_PASSWORD) {
            throw ApiException.badRequest("the password must have 8 to 1024 characters");
        }
        commands.sendAndWait(new RegisterCitizenCommand(UUID.randomUUID().toString(), username,
                hasher.hash(password), Actor.citizen(username), clock.instant()));
        return new Message("citizen " + username + " registered");
    }
}
