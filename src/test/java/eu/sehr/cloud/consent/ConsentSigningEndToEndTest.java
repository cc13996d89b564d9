package eu.sehr.cloud.consent;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import eu.sehr.cloud.support.Api;
import eu.sehr.cloud.support.Api.Citizen;
import eu.sehr.cloud.support.EventRows;
import eu.sehr.cloud.support.RunningService.Started;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A citizen gets a proposed FHIR consent, signs it, and the grant (with the document's hash), the emergency token and
 * the revocation follow.
 */
class ConsentSigningEndToEndTest extends ConsentFixture {

    ConsentSigningEndToEndTest(Api api, Started started) {
        super(api, started);
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
}
