package eu.sehr.cloud.audit.steps;

import java.time.Duration;
import java.util.Optional;

import eu.sehr.cloud.account.steps.Credentials;
import eu.sehr.cloud.audit.api.Actor;
import eu.sehr.cloud.audit.api.AuditorEvents.AuditorLoggedIn;
import eu.sehr.cloud.audit.compliance.AuditorDirectory;
import eu.sehr.cloud.infra.http.ApiException;
import eu.sehr.cloud.infra.http.JsonBodies;
import eu.sehr.cloud.security.LoginThrottle;
import eu.sehr.cloud.security.PasswordHasher;
import eu.sehr.cloud.security.Principal;
import eu.sehr.cloud.security.TokenService;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.gateway.EventGateway;
import org.axonframework.messaging.MetaData;

/** Pipeline step of {@code POST /auditor/login}: the same throttle and checks as a citizen's login. */
public final class AuditorLogin {

    private static final String THROTTLE_PREFIX = "auditor:";

    private final JsonBodies bodies;
    private final AuditorDirectory auditors;
    private final PasswordHasher hasher;
    private final LoginThrottle throttle;
    private final TokenService tokens;
    private final EventGateway events;
    private final Duration ttl;

    public AuditorLogin(JsonBodies bodies, AuditorDirectory auditors, PasswordHasher hasher, LoginThrottle throttle,
                        TokenService tokens, EventGateway events, Duration ttl) {
        this.bodies = bodies;
        this.auditors = auditors;
        this.hasher = hasher;
        this.throttle = throttle;
        this.tokens = tokens;
        this.events = events;
        this.ttl = ttl;
    }

    /** {@code client}: the client's address ({@code ClientAddresses}), which the throttle counts failures by. */
    public AuditorToken login(Object body, String contentType, String client) {
        Credentials credentials = bodies.read(body, contentType, Credentials.class).requireLoginShape();
        LoginThrottle.Attempt attempt = throttle.begin(THROTTLE_PREFIX + credentials.username(), client);
        Optional<String> hash = auditors.passwordHash(credentials.username());
        boolean matches = hash.isPresent() ? hasher.matches(credentials.password(), hash.get())
                : spendTimeAndFail(credentials.password());
        if (!matches) {
            throw ApiException.unauthorized(Credentials.BAD_CREDENTIALS);
        }
        Actor actor = Actor.auditor(credentials.username());
        events.publish(GenericEventMessage.asEventMessage(new AuditorLoggedIn(credentials.username()))
                .andMetaData(MetaData.with(Actor.KIND, actor.kind()).and(Actor.NAME, actor.name())));
        throttle.succeeded(attempt);
        return new AuditorToken(tokens.issue(Principal.auditor(credentials.username(), null), ttl));
    }

    /** The answer: the compliance officer's token. */
    public record AuditorToken(String token) {
    }

    private boolean spendTimeAndFail(String password) {
        hasher.spendCheckTime(password);
        return false;
    }
}
