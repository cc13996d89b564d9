package eu.sehr.cloud.emergency;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.List;

import eu.sehr.cloud.emergency.trust.CertifiedKey;
import eu.sehr.cloud.emergency.trust.HcoAssertionSigner;
import eu.sehr.cloud.support.Api;
import org.jose4j.jwt.JwtClaims;

/** What the emergency tests send over HTTP: HCO assertions chained to the test CA, and requests for access. */
public final class EmergencyRequests {

    private final Api api;
    private final CertifiedKey ca;

    public EmergencyRequests(Api api, CertifiedKey ca) {
        this.api = api;
        this.ca = ca;
    }

    public static final String JUSTIFICATION = "unconscious patient admitted to the emergency department";

    /** An assertion for this HCP, signed by the HCO now, with the test CA in x5c. */
    public String assertion(CertifiedKey hco, String hcpName) {
        return assertion(hco, hcpName, JUSTIFICATION);
    }

    public String assertion(CertifiedKey hco, String hcpName, String justification) {
        return signer(hco, Clock.systemUTC()).sign(hcpName, justification);
    }

    /** A compliance officer provisioned in the service's database, logged in: the auditor token. */
    public static String auditorToken(Api api, javax.sql.DataSource dataSource) {
        String name = "officer-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        new eu.sehr.cloud.audit.compliance.AuditorDirectory(new eu.sehr.cloud.infra.Sql(dataSource::getConnection))
                .put(name, new eu.sehr.cloud.security.PasswordHasher().hash("compliance officer password"));
        return api.postJson("/auditor/login", null, Api.credentials(name, "compliance officer password"))
                .expect(200).json().get("token").asText();
    }

    HcoAssertionSigner signer(CertifiedKey hco, Clock clock) {
        return HcoAssertionSigner.of(hco, List.of(ca.certificate()), clock);
    }

    public Api.Response requestAccess(String emergencyToken, String assertion) {
        return api.postJson("/hcp/requestaccess", emergencyToken, "{\"hcoAssertion\":\"" + assertion + "\"}");
    }

    /** The HCP's access token for a fresh assertion of this HCO. */
    public String hcpToken(String emergencyToken, CertifiedKey hco, String hcpName) {
        return requestAccess(emergencyToken, assertion(hco, hcpName)).expect(200).json().get("hcoEmergencyToken").asText();
    }

    /** The citizen's emergency token, after signing the HCO consent. */
    public String signHcoConsent(Api.Citizen citizen) {
        return api.signConsent(citizen.token(), "hco").expect(200).json().get("emergencyToken").asText();
    }

    /** The claims of one of the service's tokens, read without checking them (the service did). */
    public static JwtClaims claimsOf(String token) {
        try {
            return JwtClaims.parse(new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new AssertionError("not a JWT", e);
        }
    }

    public static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
