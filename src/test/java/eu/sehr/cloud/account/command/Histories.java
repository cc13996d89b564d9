package eu.sehr.cloud.account.command;

import java.time.Instant;

import eu.sehr.cloud.account.api.AccountEvents.CitizenAccountDeleted;
import eu.sehr.cloud.account.api.AccountEvents.CitizenRegistered;
import eu.sehr.cloud.audit.api.Actor;
import eu.sehr.cloud.audit.chain.HashChain;
import eu.sehr.cloud.consent.api.ConsentEvents.ConsentGranted;
import eu.sehr.cloud.consent.api.ConsentPurpose;
import eu.sehr.cloud.emergency.api.EmergencyEvents.EmergencyAccessGranted;
import eu.sehr.cloud.emergency.api.VerifiedAssertion;
import eu.sehr.cloud.infra.Json;
import eu.sehr.cloud.records.api.Requester;
import org.axonframework.test.aggregate.AggregateTestFixture;

/** The given events of the account's fixture tests: a citizen, their consents, an HCP's open emergency access. */
final class Histories {

    static final String ACCOUNT = "account-1";
    static final String GRANT = "grant-1";
    static final String ACCESS = "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0";
    /** When the commands are asked: the access below is open until an hour later. */
    static final Instant NOW = Instant.parse("2026-03-01T10:15:30.123Z");
    static final Instant EXPIRES = NOW.plusSeconds(3600);
    static final Actor ALICE = Actor.citizen("alice");
    static final Actor DR_HOUSE = Actor.hcp("Dr House", "St Mary Hospital");
    static final Requester CITIZEN = Requester.citizen(ALICE);
    static final Requester HCP = Requester.hcp(DR_HOUSE, GRANT, ACCESS);
    static final String HCO_KEY = "3f2a9c01be" + "ef".repeat(27);
    static final VerifiedAssertion ASSERTION = new VerifiedAssertion("3f2a9c01be", HCO_KEY, "St Mary Hospital",
            "Dr House", "ab".repeat(32), "unconscious patient");

    private Histories() {
    }

    static AggregateTestFixture<CitizenAccount> fixture() {
        AggregateTestFixture<CitizenAccount> fixture = new AggregateTestFixture<>(CitizenAccount.class);
        fixture.registerInjectableResource(new HashChain(Json.newMapper()));
        return fixture;
    }

    static CitizenRegistered registered() {
        return new CitizenRegistered(ACCOUNT, "alice");
    }

    static ConsentGranted cloudConsent() {
        return new ConsentGranted(ACCOUNT, ConsentPurpose.CLOUD, "aa".repeat(32), null);
    }

    static ConsentGranted hcoConsent() {
        return new ConsentGranted(ACCOUNT, ConsentPurpose.HCO, "cd".repeat(32), GRANT);
    }

    static EmergencyAccessGranted accessGranted() {
        return accessGranted(ACCESS, EXPIRES);
    }

    static EmergencyAccessGranted accessGranted(String accessId, Instant expiresAt) {
        return new EmergencyAccessGranted(ACCOUNT, accessId, GRANT, "3f2a9c01be", "St Mary Hospital", "Dr House",
                "ab".repeat(32), expiresAt, HCO_KEY, "unconscious patient");
    }

    static CitizenAccountDeleted deleted() {
        return new CitizenAccountDeleted(ACCOUNT, "alice");
    }
}
