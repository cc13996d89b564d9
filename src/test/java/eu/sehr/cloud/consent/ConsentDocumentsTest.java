package eu.sehr.cloud.consent;

import java.time.Clock;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import eu.sehr.cloud.consent.api.ConsentPurpose;
import eu.sehr.cloud.consent.fhir.ConsentDocuments;
import eu.sehr.cloud.infra.http.ApiException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConsentDocumentsTest {

    private static final FhirContext FHIR = FhirContext.forR4();
    private final ConsentDocuments documents = new ConsentDocuments(FHIR, Clock.systemUTC());

    @Test
    void should_propose_a_consent_for_the_patient_and_purpose() throws Exception {
        JsonNode consent = new ObjectMapper().readTree(documents.proposal("alice", ConsentPurpose.HCO));
        assertThat(consent.get("resourceType").asText()).isEqualTo("Consent");
        assertThat(consent.get("status").asText()).isEqualTo("proposed");
        assertThat(consent.get("patient").get("reference").asText()).isEqualTo("Patient/alice");
        assertThat(consent.get("id").asText()).isEqualTo("hco-consent-alice");
        assertThat(consent.get("dateTime").asText()).isNotBlank();
        assertThat(consent.get("text").get("div").asText()).contains("emergency");
    }

    @Test
    void should_accept_the_proposal_signed_as_active() {
        String signed = documents.proposal("alice", ConsentPurpose.CLOUD).replace("\"proposed\"", "\"active\"");
        assertThatCode(() -> documents.requireSigned(signed, "alice", ConsentPurpose.CLOUD)).doesNotThrowAnyException();
    }

    @Test
    void should_refuse_proposed_other_patient_other_purpose_not_consent_and_garbage() {
        String proposed = documents.proposal("alice", ConsentPurpose.CLOUD);
        String signedCloud = proposed.replace("\"proposed\"", "\"active\"");
        assertRefused(proposed, ConsentPurpose.CLOUD, "alice");
        assertRefused(signedCloud, ConsentPurpose.CLOUD, "bob");
        assertRefused(signedCloud, ConsentPurpose.HCO, "alice");
        assertRefused("{\"resourceType\":\"Patient\",\"id\":\"alice\"}", ConsentPurpose.CLOUD, "alice");
        assertRefused("{not json", ConsentPurpose.CLOUD, "alice");
        assertRefused("", ConsentPurpose.CLOUD, "alice");
    }

    private void assertRefused(String document, ConsentPurpose purpose, String username) {
        assertThatThrownBy(() -> documents.requireSigned(document, username, purpose))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(400));
    }
}
