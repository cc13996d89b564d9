package eu.sehr.cloud.consent;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.OffsetDateTime;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(RunningService.class)
class ConsentEndToEndTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String FHIR_JSON = "application/fhir+json";

    private final Api api;
    private final Started started;

    ConsentEndToEndTest(Api api, Started started) {
        this.api = api;
        this.started = started;
    }

    @ParameterizedTest
    @ValueSource(strings = {"cloud", "hco"})
    void should_propose_a_fhir_consent_for_the_citizen(String purpose) {
        Citizen citizen = api.newCitizen();

        Api.Response first = api.get("/citizen/consent/" + purpose, citizen.token()).expect(200);
        assertThat(first.header("Content-Type")).startsWith(FHIR_JSON);
        JsonNode consent = first.json();
        assertThat(consent.get("resourceType").asText()).isEqualTo("Consent");
        assertThat(consent.get("status").asText()).isEqualTo("proposed");
        assertThat(consent.get("patient").get("reference").asText()).isEqualTo("Patient/" + citizen.username());
        assertThat(consent.path("id").asText()).isNotBlank();
        OffsetDateTime dateTime = OffsetDateTime.parse(consent.get("dateTime").asText());
        assertThat(Duration.between(dateTime.toInstant(), java.time.Instant.now()).abs()).isLessThan(Duration.ofMinutes(2));
        assertThat(consent.path("text").path("div").asText()).contains(purpose.equals("hco") ? "emergency" : "backup");

        JsonNode second = api.get("/citizen/consent/" + purpose, citizen.token()).expect(200).json();
        assertThat(second.get("id").asText()).as("a stable id").isEqualTo(consent.get("id").asText());
    }

    @Test
    void should_answer_404_for_an_unknown_consent_purpose() {
        Citizen citizen = api.newCitizen();
        api.get("/citizen/consent/other", citizen.token()).expectError(404);
        api.send("POST", "/citizen/consent/other", citizen.token(), FHIR_JSON,
                signed(citizen, "cloud").getBytes(StandardCharsets.UTF_8)).expectError(404);
    }

    @Test
    void should_refuse_consent_endpoints_without_a_token_with_401() {
        api.get("/citizen/consent/cloud", null).expectError(401);
        api.send("POST", "/citizen/consent/hco", null, FHIR_JSON, "{}".getBytes(StandardCharsets.UTF_8)).expectError(401);
        api.delete("/citizen/consent/hco", null).expectError(401);
    }

    @Test
    void should_accept_the_signed_cloud_consent_as_fhir_json() {
        Citizen citizen = api.newCitizen();
        api.send("POST", "/citizen/upload?objectName=BEFORE", citizen.token(), "application/octet-stream", new byte[]{1})
                .expectError(403);

        JsonNode answer = sign(citizen, "cloud", signed(citizen, "cloud"), FHIR_JSON).expect(200).json();
        assertThat(answer.get("msg").asText()).isNotBlank();
        assertThat(answer.has("emergencyToken")).as("only the hco consent yields an emergency token").isFalse();

        api.send("POST", "/citizen/upload?objectName=AFTER", citizen.token(), "application/octet-stream", new byte[]{1})
                .expect(201);
    }

    @Test
    void should_accept_the_signed_consent_as_plain_json_too() {
        Citizen citizen = api.newCitizen();
        sign(citizen, "cloud", signed(citizen, "cloud"), "application/json").expect(200);
        JsonNode hco = sign(citizen, "hco", signed(citizen, "hco"), "application/json").expect(200).json();
        assertThat(claims(hco.get("emergencyToken").asText()).get("kind").asText()).isEqualTo("emergency");
    }

    @Test
    void should_answer_an_emergency_token_for_the_signed_hco_consent() {
        Citizen citizen = api.newCitizen();

        JsonNode answer = sign(citizen, "hco", signed(citizen, "hco"), FHIR_JSON).expect(200).json();

        assertThat(answer.get("msg").asText()).isNotBlank();
        String emergencyToken = answer.get("emergencyToken").asText();
        assertThat(emergencyToken.split("\\.")).hasSize(3);
        JsonNode claims = claims(emergencyToken);
        assertThat(claims.get("kind").asText()).isEqualTo("emergency");
        assertThat(claims.get("sub").asText()).isEqualTo(citizen.username());
    }

    @Test
    void should_refuse_an_emergency_token_where_a_citizen_token_is_expected() {
        Citizen citizen = api.newCitizen();
        String emergencyToken = sign(citizen, "hco", signed(citizen, "hco"), FHIR_JSON).expect(200).json()
                .get("emergencyToken").asText();
        api.get("/citizen/consent/cloud", emergencyToken).expectError(401);
        api.get("/citizen/buckets", emergencyToken).expectError(401);
    }

    @ParameterizedTest
    @ValueSource(strings = {"cloud", "hco"})
    void should_refuse_a_consent_that_is_still_proposed_with_400(String purpose) {
        Citizen citizen = api.newCitizen();
        String proposed = api.get("/citizen/consent/" + purpose, citizen.token()).expect(200).text();
        sign(citizen, purpose, proposed, FHIR_JSON).expectError(400);
        assertNothingGranted(citizen);
    }

    @ParameterizedTest
    @ValueSource(strings = {"cloud", "hco"})
    void should_refuse_a_consent_for_another_patient_with_400(String purpose) {
        Citizen citizen = api.newCitizen();
        String forOther = signed(citizen, purpose).replace("Patient/" + citizen.username(), "Patient/other");
        assertThat(forOther).contains("Patient/other");
        sign(citizen, purpose, forOther, FHIR_JSON).expectError(400);
        assertNothingGranted(citizen);
    }

    @Test
    void should_refuse_a_consent_signed_for_another_purpose_with_400() {
        Citizen citizen = api.newCitizen();
        sign(citizen, "cloud", signed(citizen, "hco"), FHIR_JSON).expectError(400);
        sign(citizen, "hco", signed(citizen, "cloud"), FHIR_JSON).expectError(400);
        assertNothingGranted(citizen);
    }

    @ParameterizedTest
    @ValueSource(strings = {"cloud", "hco"})
    void should_refuse_a_resource_that_is_not_a_consent_with_400(String purpose) {
        Citizen citizen = api.newCitizen();
        String patient = "{\"resourceType\":\"Patient\",\"id\":\"" + citizen.username() + "\",\"active\":true}";
        sign(citizen, purpose, patient, FHIR_JSON).expectError(400);
        assertNothingGranted(citizen);
    }

    @ParameterizedTest
    @ValueSource(strings = {"cloud", "hco"})
    void should_refuse_malformed_json_with_400(String purpose) {
        Citizen citizen = api.newCitizen();
        sign(citizen, purpose, "{\"resourceType\": \"Consent\", \"status\": ", FHIR_JSON).expectError(400);
        sign(citizen, purpose, "not json at all", "application/json").expectError(400);
        sign(citizen, purpose, "", FHIR_JSON).expectError(400);
        assertNothingGranted(citizen);
    }

    @ParameterizedTest
    @ValueSource(strings = {"cloud", "hco"})
    void should_refuse_a_signed_consent_of_the_wrong_content_type_with_415(String purpose) {
        Citizen citizen = api.newCitizen();
        sign(citizen, purpose, signed(citizen, purpose), "text/plain").expectError(415);
        assertNothingGranted(citizen);
    }

    @Test
    void should_accept_signing_twice_without_a_second_grant() {
        Citizen citizen = api.newCitizen();
        String cloud = signed(citizen, "cloud");
        String hco = signed(citizen, "hco");

        sign(citizen, "cloud", cloud, FHIR_JSON).expect(200);
        sign(citizen, "cloud", cloud, FHIR_JSON).expect(200);
        String firstToken = sign(citizen, "hco", hco, FHIR_JSON).expect(200).json().get("emergencyToken").asText();
        String secondToken = sign(citizen, "hco", hco, FHIR_JSON).expect(200).json().get("emergencyToken").asText();

        assertThat(claims(secondToken).get("kind").asText()).isEqualTo("emergency");
        assertThat(claims(secondToken).get("grant").asText())
                .as("signing again keeps the active grant, so earlier emergency tokens stay valid")
                .isEqualTo(claims(firstToken).get("grant").asText());
        assertThat(grantedEvents(citizen)).extracting(row -> payload(row).get("purpose").asText().toLowerCase())
                .containsExactlyInAnyOrder("cloud", "hco");
    }

    @Test
    void should_answer_the_emergency_token_at_login_exactly_while_the_hco_consent_is_active() {
        Citizen citizen = api.newCitizen();
        assertThat(loginEmergencyToken(citizen).isNull()).as("before the HCO consent").isTrue();

        String signedToken = sign(citizen, "hco", signed(citizen, "hco"), FHIR_JSON).expect(200).json()
                .get("emergencyToken").asText();
        JsonNode whileActive = loginEmergencyToken(citizen);
        assertThat(whileActive.isTextual()).as("while the HCO consent is active").isTrue();
        assertThat(claims(whileActive.asText()).get("kind").asText()).isEqualTo("emergency");
        assertThat(claims(whileActive.asText()).get("grant").asText()).isEqualTo(claims(signedToken).get("grant").asText());

        JsonNode revoked = api.delete("/citizen/consent/hco", citizen.token()).expect(200).json();
        assertThat(revoked.get("msg").asText()).isNotBlank();
        assertThat(loginEmergencyToken(citizen).isNull()).as("after the revocation").isTrue();
    }

    @Test
    void should_answer_404_when_revoking_an_hco_consent_that_is_not_active() {
        Citizen citizen = api.newCitizen();
        api.delete("/citizen/consent/hco", citizen.token()).expectError(404);

        sign(citizen, "hco", signed(citizen, "hco"), FHIR_JSON).expect(200);
        api.delete("/citizen/consent/hco", citizen.token()).expect(200);
        api.delete("/citizen/consent/hco", citizen.token()).expectError(404);
    }

    @Test
    void should_issue_a_new_emergency_token_when_the_hco_consent_is_signed_again_after_a_revocation() {
        Citizen citizen = api.newCitizen();
        String hco = signed(citizen, "hco");
        String old = sign(citizen, "hco", hco, FHIR_JSON).expect(200).json().get("emergencyToken").asText();
        api.delete("/citizen/consent/hco", citizen.token()).expect(200);

        String renewed = sign(citizen, "hco", hco, FHIR_JSON).expect(200).json().get("emergencyToken").asText();

        assertThat(renewed).isNotEqualTo(old);
        assertThat(claims(renewed).get("kind").asText()).isEqualTo("emergency");
        assertThat(claims(renewed).get("grant").asText()).as("a new grant").isNotEqualTo(claims(old).get("grant").asText());
        assertThat(claims(loginEmergencyToken(citizen).asText()).get("grant").asText())
                .isEqualTo(claims(renewed).get("grant").asText());
    }

    @Test
    void should_record_the_sha256_of_the_exact_signed_document_in_the_grant_event() throws Exception {
        Citizen citizen = api.newCitizen();
        byte[] cloud = signed(citizen, "cloud").getBytes(StandardCharsets.UTF_8);
        byte[] hco = signed(citizen, "hco").getBytes(StandardCharsets.UTF_8);

        api.send("POST", "/citizen/consent/cloud", citizen.token(), FHIR_JSON, cloud).expect(200);
        api.send("POST", "/citizen/consent/hco", citizen.token(), FHIR_JSON, hco).expect(200);

        List<EventRows.Row> granted = grantedEvents(citizen);
        assertThat(granted).hasSize(2);
        JsonNode cloudEvent = payload(granted.get(0));
        JsonNode hcoEvent = payload(granted.get(1));
        assertThat(cloudEvent.get("purpose").asText()).isEqualToIgnoringCase("cloud");
        assertThat(hcoEvent.get("purpose").asText()).isEqualToIgnoringCase("hco");
        assertThat(cloudEvent.get("documentSha256").asText()).matches("[0-9a-f]{64}").isEqualTo(sha256Hex(cloud));
        assertThat(hcoEvent.get("documentSha256").asText()).matches("[0-9a-f]{64}").isEqualTo(sha256Hex(hco));
        for (EventRows.Row row : rows(citizen)) {
            assertThat(row.payload() + row.metaData()).as("no consent document in the event store")
                    .doesNotContain("\"resourceType\"")
                    .doesNotContain("Patient/" + citizen.username());
        }
    }

    @Test
    void should_record_the_revocation_of_the_hco_grant() {
        Citizen citizen = api.newCitizen();
        String token = sign(citizen, "hco", signed(citizen, "hco"), FHIR_JSON).expect(200).json().get("emergencyToken").asText();
        String grant = claims(token).get("grant").asText();

        api.delete("/citizen/consent/hco", citizen.token()).expect(200);

        List<EventRows.Row> stream = rows(citizen);
        assertThat(stream).extracting(EventRows.Row::simpleType).containsSubsequence("ConsentGranted", "HcoConsentRevoked");
        List<EventRows.Row> revoked = stream.stream().filter(row -> row.simpleType().equals("HcoConsentRevoked")).toList();
        assertThat(revoked).hasSize(1);
        assertThat(payload(revoked.get(0)).get("grantId").asText()).isEqualTo(grant);
    }

    private String signed(Citizen citizen, String purpose) {
        String proposed = api.get("/citizen/consent/" + purpose, citizen.token()).expect(200).text();
        assertThat(proposed).contains("\"proposed\"");
        return proposed.replace("\"proposed\"", "\"active\"");
    }

    private Api.Response sign(Citizen citizen, String purpose, String document, String contentType) {
        return api.send("POST", "/citizen/consent/" + purpose, citizen.token(), contentType,
                document.getBytes(StandardCharsets.UTF_8));
    }

    private JsonNode loginEmergencyToken(Citizen citizen) {
        JsonNode login = api.login(citizen.username(), citizen.password()).expect(200).json();
        assertThat(login.has("emergencyToken")).isTrue();
        return login.get("emergencyToken");
    }

    /** A refused consent changed nothing: no grant event, no emergency token at login, uploads still refused. */
    private void assertNothingGranted(Citizen citizen) {
        assertThat(grantedEvents(citizen)).isEmpty();
        assertThat(loginEmergencyToken(citizen).isNull()).isTrue();
        api.send("POST", "/citizen/upload?objectName=REFUSED", citizen.token(), "application/octet-stream", new byte[]{1})
                .expectError(403);
    }

    private List<EventRows.Row> rows(Citizen citizen) {
        EventRows events = new EventRows(started.service().stores().dataSource());
        String account = events.accountIdOf(citizen.username());
        assertThat(account).isNotNull();
        return events.forAggregate(account);
    }

    private List<EventRows.Row> grantedEvents(Citizen citizen) {
        return rows(citizen).stream().filter(row -> row.simpleType().equals("ConsentGranted")).toList();
    }

    private static JsonNode payload(EventRows.Row row) {
        try {
            return JSON.readTree(row.payload());
        } catch (java.io.IOException e) {
            throw new AssertionError("event payload is not JSON: " + row.type(), e);
        }
    }

    private static JsonNode claims(String jwt) {
        String[] parts = jwt.split("\\.");
        assertThat(parts).hasSize(3);
        try {
            return JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
        } catch (java.io.IOException e) {
            throw new AssertionError("not a JWT: " + jwt, e);
        }
    }

    private static String sha256Hex(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
