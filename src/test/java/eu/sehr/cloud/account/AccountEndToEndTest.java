package eu.sehr.cloud.account;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;

import eu.sehr.cloud.security.Principal;
import eu.sehr.cloud.security.SigningKey;
import eu.sehr.cloud.security.TokenService;
import eu.sehr.cloud.support.Api;
import eu.sehr.cloud.support.Api.Citizen;
import eu.sehr.cloud.support.EventRows;
import eu.sehr.cloud.support.RunningService;
import eu.sehr.cloud.support.RunningService.Started;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(RunningService.class)
class AccountEndToEndTest {

    private final Api api;
    private final Started started;

    AccountEndToEndTest(Api api, Started started) {
        this.api = api;
        this.started = started;
    }

    @Test
    void should_register_login_and_delete_an_account() {
        Api.Response registered = api.register("dora-the-citizen", "correct horse battery").expect(201);
        assertThat(registered.json().get("msg").asText()).isNotBlank();

        Api.Response login = api.login("dora-the-citizen", "correct horse battery").expect(200);
        assertThat(login.json().has("emergencyToken")).isTrue();
        assertThat(login.json().get("emergencyToken").isNull()).isTrue();
        String token = login.json().get("token").asText();
        assertThat(token.split("\\.")).hasSize(3);

        api.delete("/citizen/account", token).expect(200);
        api.delete("/citizen/account", token).expectError(401);
        api.login("dora-the-citizen", "correct horse battery").expectError(401);
    }

    @Test
    void should_free_the_username_after_deletion_for_a_new_empty_account() {
        Citizen citizen = api.newCitizen();
        api.delete("/citizen/account", citizen.token()).expect(200);
        api.register(citizen.username(), "another password").expect(201);
        String fresh = api.login(citizen.username(), "another password").expect(200).json().get("token").asText();
        api.delete("/citizen/account", citizen.token()).expectError(401);
        api.delete("/citizen/account", fresh).expect(200);
    }

    @Test
    void should_refuse_a_taken_username_with_409() {
        Citizen citizen = api.newCitizen();
        api.register(citizen.username(), "whatever password").expectError(409);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ab", "a-very-long-username-of-33-chars-x", "Alice", "al--ice", "-alice", "alice-",
            "al ice", "al_ice", "al/ice", "..", "", "buckets", "consent", "upload", "account", "auditing", "register",
            "login", "requestaccess", "metadata", "alicé"})
    void should_refuse_invalid_usernames_with_400(String username) {
        api.register(username, "long enough password").expectError(400);
    }

    @Test
    void should_refuse_short_long_and_missing_passwords_with_400() {
        api.register("shortpw", "1234567").expectError(400);
        api.register("longpw", "x".repeat(1025)).expectError(400);
        api.postJson("/citizen/register", null, "{\"username\":\"nopw\"}").expectError(400);
        api.postJson("/citizen/register", null, "{\"password\":\"long enough password\"}").expectError(400);
    }

    @Test
    void should_refuse_malformed_json_and_wrong_content_type() {
        api.postJson("/citizen/register", null, "{\"username\": ").expectError(400);
        api.postJson("/citizen/register", null, "[1,2]").expectError(400);
        api.postJson("/citizen/login", null, "not json").expectError(400);
        api.postJson("/citizen/login", null, "").expectError(400);
        api.send("POST", "/citizen/register", null, "text/plain", Api.credentials("plainbody", "long enough password")
                .getBytes(StandardCharsets.UTF_8)).expectError(415);
        api.send("POST", "/citizen/login", null, "application/x-www-form-urlencoded", "username=a&password=b"
                .getBytes(StandardCharsets.UTF_8)).expectError(415);
    }

    @Test
    void should_refuse_wrong_password_and_unknown_user_alike_with_401() {
        Citizen citizen = api.newCitizen();
        String wrong = api.login(citizen.username(), "not the password").expectError(401).json().get("msg").asText();
        String unknown = api.login("nobody-here", "not the password").expectError(401).json().get("msg").asText();
        assertThat(wrong).isEqualTo(unknown);
    }

    @Test
    void should_throttle_after_five_failed_logins_with_429() {
        Citizen citizen = api.newCitizen();
        for (int i = 0; i < 5; i++) {
            api.login(citizen.username(), "wrong password " + i).expectError(401);
        }
        api.login(citizen.username(), "wrong password again").expectError(429);
        api.login(citizen.username(), citizen.password()).expectError(429);
    }

    @Test
    void should_refuse_missing_garbage_and_query_string_tokens_with_401() {
        Citizen citizen = api.newCitizen();
        api.delete("/citizen/account", null).expectError(401);
        api.delete("/citizen/account", "garbage").expectError(401);
        api.send("DELETE", "/citizen/account?token=" + citizen.token(), null, null, null).expectError(401);
        api.send("DELETE", "/citizen/account?access_token=" + citizen.token(), null, null, null).expectError(401);
        api.delete("/citizen/account", citizen.token()).expect(200);
    }

    @Test
    void should_refuse_expired_alg_none_foreign_key_and_tampered_tokens_with_401() {
        Citizen citizen = api.newCitizen();
        String[] parts = citizen.token().split("\\.");
        String claims = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        SigningKey serviceKey = SigningKey.loadOrCreate(started.dataDir().resolve("token-signing-key.jwk"));
        String account = new EventRows(started.service().stores().dataSource()).accountIdOf(citizen.username());
        Principal principal = Principal.citizen(citizen.username(), account, null);

        Clock twoHoursAgo = Clock.fixed(Instant.now().minus(Duration.ofHours(2)), ZoneOffset.UTC);
        String expired = new TokenService(serviceKey, twoHoursAgo).issue(principal, Duration.ofMinutes(60));
        String foreign = new TokenService(SigningKey.generated(), Clock.systemUTC()).issue(principal, Duration.ofMinutes(60));
        String algNone = base64Url("{\"alg\":\"none\"}") + "." + parts[1] + ".";
        String tampered = parts[0] + "." + base64Url(claims.replace(citizen.username(), "someone-else")) + "." + parts[2];

        for (String token : List.of(expired, foreign, algNone, tampered)) {
            api.delete("/citizen/account", token).expectError(401);
        }
        String valid = new TokenService(serviceKey, Clock.systemUTC()).issue(principal, Duration.ofMinutes(5));
        api.delete("/citizen/account", valid).expect(200);
    }

    @Test
    void should_serve_the_public_signing_key_as_jwks() {
        Api.Response jwks = api.get("/.well-known/jwks.json", null).expect(200);
        assertThat(jwks.json().get("keys").get(0).get("alg").asText()).isEqualTo("ES256");
        assertThat(jwks.json().get("keys").get(0).has("d")).as("no private part").isFalse();
    }

    @Test
    void should_not_echo_request_headers_in_responses() {
        Citizen citizen = api.newCitizen();
        Api.Response response = api.send("POST", "/citizen/login", citizen.token(), "application/json",
                Api.credentials(citizen.username(), citizen.password()).getBytes(StandardCharsets.UTF_8)).expect(200);
        assertThat(response.header("Authorization")).isNull();
        assertThat(response.header("Cache-Control")).isEqualTo("no-store");
    }

    @Test
    void should_answer_unknown_paths_in_the_error_body() {
        api.get("/no/such/endpoint", null).expectError(404);
        api.send("PUT", "/citizen/login", null, null, null).expectError(404);
    }

    @Test
    void should_record_the_account_events_in_order_without_password_or_token() {
        Citizen citizen = api.newCitizen();
        api.login(citizen.username(), "a wrong password").expectError(401);
        api.delete("/citizen/account", citizen.token()).expect(200);

        EventRows events = new EventRows(started.service().stores().dataSource());
        List<EventRows.Row> stream = events.forAggregate(events.accountIdOf(citizen.username()));
        assertThat(stream).extracting(EventRows.Row::simpleType).containsExactly(
                "CitizenRegistered", "CitizenLoggedIn", "CitizenLoginFailed", "CitizenAccountDeleted");
        assertThat(stream).extracting(EventRows.Row::sequence).containsExactly(0L, 1L, 2L, 3L);
        for (EventRows.Row row : events.all()) {
            assertThat(row.payload() + row.metaData())
                    .doesNotContain(citizen.password())
                    .doesNotContain(citizen.token())
                    .doesNotContain(citizen.token().split("\\.")[2]);
        }
    }

    private static String base64Url(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

}
