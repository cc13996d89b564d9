package eu.sehr.cloud.security;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.fasterxml.jackson.databind.JsonNode;
import eu.sehr.cloud.emergency.trust.CertifiedKey;
import eu.sehr.cloud.emergency.trust.DevCertificates;
import eu.sehr.cloud.emergency.trust.HcoAssertionSigner;
import eu.sehr.cloud.support.Api;
import eu.sehr.cloud.support.Api.Citizen;
import eu.sehr.cloud.support.RunningService;
import eu.sehr.cloud.support.RunningService.Started;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

/** One test per defect of the original S-EHR Cloud, named after it, so none of them can come back. */
@ExtendWith(RunningService.class)
class SeedDefectsRegressionTest {

    private final Api api;
    private final Started started;

    SeedDefectsRegressionTest(Api api, Started started) {
        this.api = api;
        this.started = started;
    }

    @Test
    void password_inside_the_token() {
        Citizen citizen = api.newCitizen();
        String claims = new String(Base64.getUrlDecoder().decode(citizen.token().split("\\.")[1]), StandardCharsets.UTF_8);
        assertThat(claims).doesNotContain(citizen.password()).doesNotContain("password");
    }

    @Test
    void fixed_signing_key() {
        String kid = api.get("/.well-known/jwks.json", null).expect(200).json().at("/keys/0/kid").asText();
        try (Started other = Started.start(RunningService.tempDir(), Map.of())) {
            String otherKid = other.api().get("/.well-known/jwks.json", null).expect(200).json().at("/keys/0/kid").asText();
            assertThat(otherKid).isNotEqualTo(kid);
            Citizen citizen = api.newCitizen();
            other.api().get("/citizen/buckets", citizen.token()).expectError(401);
        }
    }

    @Test
    void token_in_the_url() {
        Citizen citizen = api.newCitizen();
        api.get("/citizen/buckets?token=" + citizen.token(), null).expectError(401);
        api.get("/citizen/buckets?access_token=" + citizen.token(), null).expectError(401);
    }

    @Test
    void prefix_matching_bucket_access() {
        String base = "p" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        api.register(base, "ann's password").expect(201);
        api.register(base + "a", "anna's password").expect(201);
        String ann = api.login(base, "ann's password").expect(200).json().get("token").asText();
        String anna = api.login(base + "a", "anna's password").expect(200).json().get("token").asText();
        api.signConsent(anna, "cloud").expect(200);
        api.upload("/citizen/upload", anna, "PATIENT_SUMMARY", "anna's record".getBytes(StandardCharsets.UTF_8)).expect(201);

        api.get("/citizen/buckets/" + base + "a", ann).expectError(403);
        api.get("/citizen/" + base + "a/PATIENT_SUMMARY", ann).expectError(403);
        api.get("/citizen/" + base + "a/PATIENT_SUMMARY/metadata", ann).expectError(403);
    }

    @Test
    void consent_unchecked_on_the_hcp_path_and_revocation_that_leaves_tokens_alive() {
        Citizen citizen = api.newCitizen();
        api.signConsent(citizen.token(), "cloud").expect(200);
        String emergency = api.signConsent(citizen.token(), "hco").expect(200).json().get("emergencyToken").asText();
        CertifiedKey hospital = new DevCertificates(Clock.systemUTC()).hco("Seed Hospital", started.hcoCa());
        String assertion = HcoAssertionSigner.of(hospital, List.of(started.hcoCa().certificate()), Clock.systemUTC()).sign("Dr Seed", "unconscious patient admitted to the emergency department");
        String hcp = api.postJson("/hcp/requestaccess", emergency, "{\"hcoAssertion\":\"" + assertion + "\"}")
                .expect(200).json().get("hcoEmergencyToken").asText();
        api.get("/hcp/buckets", hcp).expect(200);

        api.delete("/citizen/consent/hco", citizen.token()).expect(200);
        api.get("/hcp/buckets", hcp).expectError(403);
        api.get("/hcp/buckets/" + citizen.username(), hcp).expectError(403);
        String another = HcoAssertionSigner.of(hospital, List.of(started.hcoCa().certificate()), Clock.systemUTC()).sign("Dr Seed", "unconscious patient admitted to the emergency department");
        api.postJson("/hcp/requestaccess", emergency, "{\"hcoAssertion\":\"" + another + "\"}").expectError(403);
        assertThat(api.login(citizen.username(), citizen.password()).expect(200).json().get("emergencyToken").isNull()).isTrue();
    }

    @Test
    void one_requests_identity_leaking_into_a_concurrent_one() throws Exception {
        List<Citizen> citizens = List.of(api.newCitizen(), api.newCitizen(), api.newCitizen(), api.newCitizen());
        ExecutorService pool = Executors.newFixedThreadPool(citizens.size());
        try {
            List<Future<List<String>>> answers = new ArrayList<>();
            for (Citizen citizen : citizens) {
                answers.add(pool.submit(() -> {
                    List<String> seen = new ArrayList<>();
                    for (int i = 0; i < 25; i++) {
                        JsonNode buckets = api.get("/citizen/buckets", citizen.token()).expect(200).json().get("buckets");
                        seen.add(buckets.get(0).asText());
                    }
                    return seen;
                }));
            }
            for (int i = 0; i < citizens.size(); i++) {
                assertThat(answers.get(i).get()).containsOnly(citizens.get(i).username());
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
