package eu.sehr.cloud.account.steps;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

import eu.sehr.cloud.account.api.AccountCommands.LogInCommand;
import eu.sehr.cloud.account.api.AccountCommands.RefuseLoginCommand;
import eu.sehr.cloud.account.query.AccountDirectory;
import eu.sehr.cloud.account.query.AccountRecord;
import eu.sehr.cloud.infra.http.ApiException;
import eu.sehr.cloud.infra.http.JsonBodies;
import eu.sehr.cloud.security.EmergencyTokens;
import eu.sehr.cloud.security.LoginThrottle;
import eu.sehr.cloud.security.PasswordHasher;
import eu.sehr.cloud.security.Principal;
import eu.sehr.cloud.security.TokenService;
import org.axonframework.commandhandling.gateway.CommandGateway;

/** Pipeline step of {@code POST /citizen/login}: throttle, check the password, record the outcome, issue the token. */
public final class LoginCitizen {

    private final JsonBodies bodies;
    private final AccountDirectory directory;
    private final PasswordHasher hasher;
    private final LoginThrottle throttle;
    private final TokenService tokens;
    private final CommandGateway commands;
    private final Duration tokenTtl;
    private final EmergencyTokens emergencyTokens;
    private final Clock clock;

    public LoginCitizen(JsonBodies bodies, AccountDirectory directory, PasswordHasher hasher, LoginThrottle throttle,
                        TokenService tokens, CommandGateway commands, Duration tokenTtl, EmergencyTokens emergencyTokens,
                        Clock clock) {
        this.emergencyTokens = emergencyTokens;
        this.bodies = bodies;
        this.directory = directory;
        this.hasher = hasher;
        this.throttle = throttle;
        this.tokens = tokens;
        this.commands = commands;
        this.tokenTtl = tokenTtl;
        this.clock = clock;
    }

    /** {@code client}: the client's address ({@code ClientAddresses}), which the throttle counts failures by. */
    public LoginResponse login(Object body, String contentType, String client) {
        Credentials credentials = bodies.read(body, contentType, Credentials.class).requireLoginShape();
        String username = credentials.username();
        String password = credentials.password();
        LoginThrottle.Attempt attempt = throttle.begin(username, client);
        Optional<AccountRecord> account = directory.findByUsername(username);
        if (account.isEmpty()) {
            hasher.spendCheckTime(password);
            throw ApiException.unauthorized(Credentials.BAD_CREDENTIALS);
        }
        AccountRecord citizen = account.get();
        if (!hasher.matches(password, citizen.passwordHash())) {
            commands.sendAndWait(new RefuseLoginCommand(citizen.accountId(), username, "wrong password", clock.instant()));
            throw ApiException.unauthorized(Credentials.BAD_CREDENTIALS).audited();
        }
        commands.sendAndWait(new LogInCommand(citizen.accountId(), username, clock.instant()));
        throttle.succeeded(attempt);
        String token = tokens.issue(Principal.citizen(username, citizen.accountId(), null), tokenTtl);
        String emergencyToken = citizen.hcoGrant() == null ? null
                : emergencyTokens.issue(username, citizen.accountId(), citizen.hcoGrant());
        return new LoginResponse(token, emergencyToken);
    }

    /** The contract's login answer; {@code emergencyToken} is null while no HCO consent is active. */
    public record LoginResponse(String token, String emergencyToken) {
    }
}
