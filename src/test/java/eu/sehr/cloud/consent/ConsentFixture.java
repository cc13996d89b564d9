package eu.sehr.cloud.consent;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import eu.sehr.cloud.support.Api;
import eu.sehr.cloud.support.Api.Citizen;
import eu.sehr.cloud.support.EventRows;
import eu.sehr.cloud.support.RunningService;
import eu.sehr.cloud.support.RunningService.Started;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shared steps of the consent end-to-end tests on the running service: sign a proposed consent, read the login's
 * emergency token and the account's events.
 */
@ExtendWith(RunningService.class)
abstract class ConsentFixture {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String FHIR_JSON = "application/fhir+json";
    final Api api;
    final Started started;

    ConsentFixture(Api api, Started started) {
        this.api = api;
        this.started = started;
    }

    String signed(Citizen citizen, String purpose) {
        String proposed = api.get("/citizen/consent/" + purpose, citizen.token()).expect(200).text();
        assertThat(proposed).contains("\"proposed\"");
        return proposed.replace("\"proposed\"", "\"active\"");
    }

    Api.Response sign(Citizen citizen, String purpose, String document, String contentType) {
        return api.send("POST", "/citizen/consent/" + purpose, citizen.token(), contentType,
                document.getBytes(StandardCharsets.UTF_8));
    }

    JsonNode loginEmergencyToken(Citizen citizen) {
        JsonNode login = api.login(citizen.username(), citizen.password()).expect(200).json();
        assertThat(login.has("emergencyToken")).isTrue();
        return login.get("emergencyToken");
    }

    /** A refused consent changed nothing: no grant event, no emergency token at login, uploads still refused. */
    void assertNothingGranted(Citizen citizen) {
        assertThat(grantedEvents(citizen)).isEmpty();
        assertThat(loginEmergencyToken(citizen).isNull()).isTrue();
        api.send("POST", "/citizen/upload?objectName=REFUSED", citizen.token(), "application/octet-stream", new byte[]{1})
                .expectError(403);
    }

    List<EventRows.Row> rows(Citizen citizen) {
        EventRows events = new EventRows(started.service().stores().dataSource());
        String account = events.accountIdOf(citizen.username());
        assertThat(account).isNotNull();
        return events.forAggregate(account);
    }

    List<EventRows.Row> grantedEvents(Citizen citizen) {
        return rows(citizen).stream().filter(row -> row.simpleType().equals("ConsentGranted")).toList();
    }

    static JsonNode payload(EventRows.Row row) {
        try {
            return JSON.readTree(row.payload());
        } catch (java.io.IOException e) {
            throw new AssertionError("event payload is not JSON: " + row.type(), e);
        }
    }

    static JsonNode claims(String jwt) {
        String[] parts = jwt.split("\\.");
        assertThat(parts).hasSize(3);
        try {
            return JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
        } catch (java.io.IOException e) {
            throw new AssertionError("not a JWT: " + jwt, e);
        }
    }

    static String sha256Hex(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
