package eu.sehr.cloud.consent;

import java.nio.charset.StandardCharsets;

import eu.sehr.cloud.support.Api;
import eu.sehr.cloud.support.Api.Citizen;
import eu.sehr.cloud.support.RunningService.Started;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the consent endpoints refuse (an unknown purpose, no or the wrong token, a document that is not the signed
 * consent) and that a refusal grants nothing.
 */
class ConsentRefusalsEndToEndTest extends ConsentFixture {

    ConsentRefusalsEndToEndTest(Api api, Started started) {
        super(api, started);
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
    void should_answer_404_when_revoking_an_hco_consent_that_is_not_active() {
        Citizen citizen = api.newCitizen();
        api.delete("/citizen/consent/hco", citizen.token()).expectError(404);

        sign(citizen, "hco", signed(citizen, "hco"), FHIR_JSON).expect(200);
        api.delete("/citizen/consent/hco", citizen.token()).expect(200);
        api.delete("/citizen/consent/hco", citizen.token()).expectError(404);
    }
}
