package eu.sehr.cloud.consent;

import ca.uhn.fhir.context.FhirContext;
import eu.sehr.cloud.consent.fhir.ConsentDocuments;
import eu.sehr.cloud.consent.steps.ConsentSteps;
import eu.sehr.cloud.consent.steps.RequireConsent;
import eu.sehr.cloud.infra.Shared;
import eu.sehr.cloud.security.EmergencyTokens;
import eu.sehr.cloud.storage.RecordStore;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;

/** The pipeline beans of routes/api/consent.camel.yaml, and the consent check that the record routes name. */
public final class ConsentBeans implements CamelConfiguration {

    private final Shared shared;
    private final RequireConsent requireConsent;
    private final RecordStore store;
    private final EmergencyTokens emergencyTokens;

    public ConsentBeans(Shared shared, RequireConsent requireConsent, RecordStore store, EmergencyTokens emergencyTokens) {
        this.shared = shared;
        this.requireConsent = requireConsent;
        this.store = store;
        this.emergencyTokens = emergencyTokens;
    }

    @BindToRegistry
    public RequireConsent requireConsent() {
        return requireConsent;
    }

    @BindToRegistry
    public ConsentSteps consentSteps() {
        return new ConsentSteps(new ConsentDocuments(FhirContext.forR4(), shared.clock()), shared.requestBodies(), store,
                shared.commands(), emergencyTokens, shared.clock());
    }
}
