package eu.sehr.cloud.reliability;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;

import eu.sehr.cloud.emergency.trust.CertifiedKey;
import eu.sehr.cloud.emergency.trust.DevCertificates;
import eu.sehr.cloud.emergency.trust.HcoAssertionSigner;
import eu.sehr.cloud.security.PemFiles;
import eu.sehr.cloud.support.Api;
import eu.sehr.cloud.support.SharedStores;
import static eu.sehr.cloud.support.Resources.closeQuietly;
import eu.sehr.cloud.support.RunningService.Started;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;

/**
 * Two replicas of the service on one set of stores (PostgreSQL, object storage, MongoDB started here), sharing
 * the token signing key and the HCO trust anchors, as behind a load balancer. Each test class starts its own stores
 * and replicas and stops them after its tests. The shared steps: either replica's client, an emergency access
 * request, a signed HCO assertion.
 */
@Timeout(120)
abstract class TwoReplicasFixture {

    static SharedStores stores;
    static CertifiedKey hcoCa;
    static Started replicaA;
    static Started replicaB;

    @BeforeAll
    static void one_set_of_stores_and_two_replicas() throws Exception {
        stores = SharedStores.start();
        hcoCa = new DevCertificates(Clock.systemUTC()).certificateAuthority("Shared Test Health Authority CA");
        Path anchors = stores.dir().resolve("hco-trust-anchors.pem");
        PemFiles.writeCertificates(anchors, List.of(hcoCa.certificate()));
        replicaA = stores.replica("replica-a", withAnchors("replica-a", anchors));
        replicaB = stores.replica("replica-b", withAnchors("replica-b", anchors));
    }

    /** The shared settings, the replica's node id, and the HCO trust anchors that both replicas share. */
    private static Map<String, String> withAnchors(String nodeId, Path anchors) {
        Map<String, String> settings = stores.settings(nodeId);
        settings.put("sehr.hco.trust-anchors", anchors.toString());
        return settings;
    }

    @AfterAll
    static void services_before_stores() {
        closeQuietly(replicaB);
        closeQuietly(replicaA);
        closeQuietly(stores);
    }

    static Api a() {
        return replicaA.api();
    }

    static Api b() {
        return replicaB.api();
    }

    static Api.Response requestAccess(Api replica, String emergencyToken, String assertion) {
        return replica.postJson("/hcp/requestaccess", emergencyToken, "{\"hcoAssertion\":\"" + assertion + "\"}");
    }

    static String assertion(String hcpName) {
        DevCertificates certificates = new DevCertificates(Clock.systemUTC());
        CertifiedKey hospital = certificates.hco("St Mary Hospital", hcoCa);
        return HcoAssertionSigner.of(hospital, List.of(hcoCa.certificate()), Clock.systemUTC()).sign(hcpName, "unconscious patient admitted to the emergency department");
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
