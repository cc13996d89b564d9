package eu.sehr.cloud.consent.fhir;

import java.time.Clock;
import java.util.Date;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.parser.StrictErrorHandler;
import eu.sehr.cloud.consent.api.ConsentPurpose;
import eu.sehr.cloud.infra.http.ApiException;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.Narrative;
import org.hl7.fhir.r4.model.Reference;

/**
 * The two consents as FHIR R4 {@code Consent} resources (HAPI FHIR): the proposal a citizen downloads and signs,
 * and the check of what they send back (a Consent, for this patient, of this purpose, {@code active}).
 */
public final class ConsentDocuments {

    /** The code system that tells the two purposes apart (LOINC's 59284-0 "Consent Document" names neither). */
    public static final String PURPOSE_SYSTEM = "https://sehr.cloud/fhir/CodeSystem/consent-purpose";
    private static final String LOINC = "http://loinc.org";
    private static final String SCOPE_SYSTEM = "http://terminology.hl7.org/CodeSystem/consentscope";
    private static final String ACT_REASON = "http://terminology.hl7.org/CodeSystem/v3-ActReason";

    private final FhirContext fhir;
    private final Clock clock;

    public ConsentDocuments(FhirContext fhir, Clock clock) {
        this.fhir = fhir;
        this.clock = clock;
    }

    /** The proposed consent, as {@code application/fhir+json}. */
    public String proposal(String username, ConsentPurpose purpose) {
        Consent consent = new Consent();
        consent.setId(purpose.path() + "-consent-" + username);
        consent.setStatus(Consent.ConsentState.PROPOSED);
        consent.setDateTime(Date.from(clock.instant()));
        consent.setPatient(new Reference("Patient/" + username));
        consent.setScope(new CodeableConcept(new Coding(SCOPE_SYSTEM, "patient-privacy", "Privacy Consent")));
        consent.addCategory(new CodeableConcept(new Coding(LOINC, "59284-0", "Consent Document")));
        consent.addCategory(new CodeableConcept(new Coding(PURPOSE_SYSTEM, code(purpose), display(purpose))));
        consent.setPolicyRule(new CodeableConcept(new Coding(ACT_REASON, purpose == ConsentPurpose.HCO ? "ETREAT" : "PATADMIN",
                purpose == ConsentPurpose.HCO ? "Emergency treatment" : "Patient administration")));
        Consent.ProvisionComponent provision = new Consent.ProvisionComponent();
        provision.setType(Consent.ConsentProvisionType.PERMIT);
        if (purpose == ConsentPurpose.HCO) {
            provision.addPurpose(new Coding(ACT_REASON, "ETREAT", "Emergency treatment"));
        }
        consent.setProvision(provision);
        consent.getText().setStatus(Narrative.NarrativeStatus.GENERATED);
        consent.getText().setDivAsString("<div xmlns=\"http://www.w3.org/1999/xhtml\"><p>" + text(purpose) + "</p></div>");
        return parser().encodeResourceToString(consent);
    }

    /** Parses and checks a signed consent; any deviation is a 400 naming the rule. */
    public void requireSigned(String document, String username, ConsentPurpose purpose) {
        IBaseResource resource;
        try {
            resource = parser().setParserErrorHandler(new StrictErrorHandler()).parseResource(document);
        } catch (DataFormatException | IllegalArgumentException e) {
            throw ApiException.badRequest("the body is not a FHIR resource in JSON");
        }
        if (!(resource instanceof Consent consent)) {
            throw ApiException.badRequest("the body is not a FHIR Consent");
        }
        if (!("Patient/" + username).equals(consent.getPatient().getReference())) {
            throw ApiException.badRequest("the consent is for another patient");
        }
        boolean ofThisPurpose = consent.getCategory().stream()
                .flatMap(category -> category.getCoding().stream())
                .anyMatch(coding -> PURPOSE_SYSTEM.equals(coding.getSystem()) && code(purpose).equals(coding.getCode()));
        if (!ofThisPurpose) {
            throw ApiException.badRequest("the consent is for another purpose");
        }
        if (consent.getStatus() != Consent.ConsentState.ACTIVE) {
            throw ApiException.badRequest("the consent is not signed: its status must be active");
        }
    }

    private IParser parser() {
        return fhir.newJsonParser();
    }

    static String code(ConsentPurpose purpose) {
        return purpose == ConsentPurpose.CLOUD ? "cloud-storage" : "hco-emergency-access";
    }

    private static String display(ConsentPurpose purpose) {
        return purpose == ConsentPurpose.CLOUD ? "Cloud backup of encrypted health records"
                : "Emergency access by healthcare professionals of authorised healthcare organisations";
    }

    static String text(ConsentPurpose purpose) {
        return purpose == ConsentPurpose.CLOUD
                ? "I consent to S-EHR Cloud storing my encrypted health records for backup. The records are encrypted "
                + "on my device; the service keeps them, and a record of every access to them, until I delete my account."
                : "I consent to S-EHR Cloud sharing my health records with healthcare professionals of authorised "
                + "healthcare organisations in an emergency, when they present my emergency token. Every access is "
                + "recorded and shown to me, and I can withdraw this consent at any time.";
    }
}
