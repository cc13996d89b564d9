package eu.sehr.cloud.security;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import eu.sehr.cloud.audit.compliance.AuditorDirectory;
import eu.sehr.cloud.emergency.trust.CertifiedKey;
import eu.sehr.cloud.emergency.trust.DevCertificates;
import eu.sehr.cloud.emergency.trust.HcoAssertionSigner;
import eu.sehr.cloud.infra.Sql;
import eu.sehr.cloud.support.Api;
import eu.sehr.cloud.support.Api.Citizen;
import eu.sehr.cloud.support.EventRows;
import eu.sehr.cloud.support.RunningService;
import eu.sehr.cloud.support.RunningService.Started;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every endpoint (that does not delete) with every kind of credential, against a table of expected statuses.
 * The owner's bucket and record are the target of every request; {@code other} is another citizen.
 */
@ExtendWith(RunningService.class)
class AuthorizationMatrixTest {

    /** Credentials, in the order of the table's columns. */
    private static final List<String> CREDENTIALS = List.of("none", "garbage", "expired", "alg-none", "other-key",
            "tampered", "owner", "other", "emergency", "hcp", "hcp-other", "auditor", "deleted", "revoked");

    /** Endpoint, then the expected status for each credential above. */
    private static final Object[][] TABLE = {
            {"GET /citizen/buckets",                   401, 401, 401, 401, 401, 401, 200, 200, 401, 401, 401, 401, 401, 401},
            {"GET /citizen/buckets/OWNER",             401, 401, 401, 401, 401, 401, 200, 403, 401, 401, 401, 401, 401, 401},
            {"GET /citizen/OWNER/RECORD/metadata",     401, 401, 401, 401, 401, 401, 200, 403, 401, 401, 401, 401, 401, 401},
            {"GET /citizen/OWNER/RECORD",              401, 401, 401, 401, 401, 401, 200, 403, 401, 401, 401, 401, 401, 401},
            {"POST /citizen/upload?objectName=MATRIX", 401, 401, 401, 401, 401, 401, 201, 201, 401, 401, 401, 401, 401, 401},
            {"GET /citizen/consent/cloud",             401, 401, 401, 401, 401, 401, 200, 200, 401, 401, 401, 401, 401, 401},
            {"GET /citizen/auditing",                  401, 401, 401, 401, 401, 401, 200, 200, 401, 401, 401, 401, 401, 401},
            {"POST /hcp/requestaccess",                401, 401, 401, 401, 401, 401, 401, 401, 200, 401, 401, 401, 401, 401},
            {"GET /hcp/buckets",                       401, 401, 401, 401, 401, 401, 401, 401, 401, 200, 200, 401, 401, 403},
            {"GET /hcp/buckets/OWNER",                 401, 401, 401, 401, 401, 401, 401, 401, 401, 200, 403, 401, 401, 403},
            {"GET /hcp/OWNER/RECORD/metadata",         401, 401, 401, 401, 401, 401, 401, 401, 401, 200, 403, 401, 401, 403},
            {"GET /hcp/OWNER/RECORD",                  401, 401, 401, 401, 401, 401, 401, 401, 401, 200, 403, 401, 401, 403},
            {"POST /hcp/upload?objectName=MATRIX",     401, 401, 401, 401, 401, 401, 401, 401, 401, 201, 201, 401, 401, 403},
            {"GET /audit/events?citizen=OWNER",        401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 200, 401, 401},
            {"GET /audit/verify?citizen=OWNER",        401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 200, 401, 401},
            {"POST /audit/replay",                     401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 202, 401, 401},
    };

    private final Api api;
    private final Started started;
    private final CertifiedKey hospital;

    AuthorizationMatrixTest(Api api, Started started) {
        this.api = api;
        this.started = started;
        this.hospital = new DevCertificates(Clock.systemUTC()).hco("Matrix Hospital", started.hcoCa());
    }

    @Test
    void should_answer_every_endpoint_and_credential_as_the_table_says() {
        Citizen owner = consentingCitizenWithRecord();
        Citizen other = consentingCitizenWithRecord();
        Citizen revokedCitizen = consentingCitizenWithRecord();
        Citizen deleted = api.newCitizen();
        api.delete("/citizen/account", deleted.token()).expect(200);

        String ownerEmergency = emergencyToken(owner);
        String revokedHcp = hcpToken(emergencyToken(revokedCitizen));
        api.delete("/citizen/consent/hco", revokedCitizen.token()).expect(200);

        Map<String, String> tokens = new LinkedHashMap<>();
        tokens.put("none", null);
        tokens.put("garbage", "not-a-token");
        tokens.put("expired", expiredToken(owner));
        tokens.put("alg-none", algNone(owner.token()));
        tokens.put("other-key", new TokenService(SigningKey.generated(), Clock.systemUTC())
                .issue(Principal.citizen(owner.username(), accountOf(owner), null), Duration.ofMinutes(5)));
        tokens.put("tampered", tampered(other.token(), other.username(), owner.username()));
        tokens.put("owner", owner.token());
        tokens.put("other", other.token());
        tokens.put("emergency", ownerEmergency);
        tokens.put("hcp", hcpToken(ownerEmergency));
        tokens.put("hcp-other", hcpToken(emergencyToken(other)));
        tokens.put("auditor", auditorToken());
        tokens.put("deleted", deleted.token());
        tokens.put("revoked", revokedHcp);

        List<String> mismatches = new ArrayList<>();
        for (Object[] row : TABLE) {
            String endpoint = ((String) row[0]).replace("OWNER", owner.username()).replace("RECORD", "PATIENT_SUMMARY");
            for (int column = 0; column < CREDENTIALS.size(); column++) {
                String credential = CREDENTIALS.get(column);
                int expected = (Integer) row[column + 1];
                Api.Response response = call(endpoint, tokens.get(credential));
                if (response.status() != expected) {
                    mismatches.add(row[0] + " with " + credential + ": expected " + expected + ", got " + response.status());
                } else if (expected >= 400) {
                    response.expectError(expected);
                }
            }
        }
        assertThat(mismatches).isEmpty();
    }

    private Api.Response call(String endpoint, String token) {
        String[] parts = endpoint.split(" ", 2);
        String method = parts[0];
        String path = parts[1];
        if (path.startsWith("/hcp/requestaccess")) {
            return api.postJson(path, token, "{\"hcoAssertion\":\"" + assertion() + "\"}");
        }
        if (path.contains("upload")) {
            return api.send(method, path, token, "application/octet-stream", "matrix".getBytes(StandardCharsets.UTF_8));
        }
        return "POST".equals(method) ? api.postJson(path, token, "{}") : api.get(path, token);
    }

    private Citizen consentingCitizenWithRecord() {
        Citizen citizen = api.newCitizen();
        api.signConsent(citizen.token(), "cloud").expect(200);
        api.upload("/citizen/upload", citizen.token(), "PATIENT_SUMMARY", "record".getBytes(StandardCharsets.UTF_8)).expect(201);
        return citizen;
    }

    private String emergencyToken(Citizen citizen) {
        return api.signConsent(citizen.token(), "hco").expect(200).json().get("emergencyToken").asText();
    }

    private String hcpToken(String emergencyToken) {
        return api.postJson("/hcp/requestaccess", emergencyToken, "{\"hcoAssertion\":\"" + assertion() + "\"}")
                .expect(200).json().get("hcoEmergencyToken").asText();
    }

    private String assertion() {
        return HcoAssertionSigner.of(hospital, List.of(started.hcoCa().certificate()), Clock.systemUTC()).sign("Dr Matrix", "unconscious patient admitted to the emergency department");
    }

    private String auditorToken() {
        new AuditorDirectory(new Sql(started.service().stores().dataSource()::getConnection))
                .put("matrix-auditor", new eu.sehr.cloud.security.PasswordHasher().hash("matrix auditor password"));
        return api.postJson("/auditor/login", null, Api.credentials("matrix-auditor", "matrix auditor password"))
                .expect(200).json().get("token").asText();
    }

    private String accountOf(Citizen citizen) {
        return new EventRows(started.service().stores().dataSource()).accountIdOf(citizen.username());
    }

    private String expiredToken(Citizen citizen) {
        SigningKey key = SigningKey.loadOrCreate(started.dataDir().resolve("token-signing-key.jwk"));
        Clock past = Clock.fixed(Instant.now().minus(Duration.ofHours(3)), ZoneOffset.UTC);
        return new TokenService(key, past).issue(Principal.citizen(citizen.username(), accountOf(citizen), null), Duration.ofHours(1));
    }

    private static String algNone(String token) {
        String header = Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8));
        return header + "." + token.split("\\.")[1] + ".";
    }

    private static String tampered(String token, String from, String to) {
        String[] parts = token.split("\\.");
        Function<String, String> swap = claims -> claims.replace("\"" + from + "\"", "\"" + to + "\"");
        String claims = swap.apply(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
        return parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(claims.getBytes(StandardCharsets.UTF_8))
                + "." + parts[2];
    }
}
