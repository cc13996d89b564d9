package eu.sehr.cloud.security;

import java.util.List;
import java.util.function.Consumer;

import eu.sehr.cloud.account.query.AccountDirectory;
import eu.sehr.cloud.audit.compliance.AuditorDirectory;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.spi.Policy;

/**
 * The authentication that routes name: one policy per audience (citizens; HCPs, with the HCO grant and open-access
 * checks; auditors; the holders of a citizen's emergency token, an HCP asking for access), the service's signing key
 * (its public half served as JWKS) and the client address resolution.
 */
public final class SecurityBeans implements CamelConfiguration {

    private final Authenticate authenticate;
    private final Consumer<Principal> hcoGrantActive;
    private final Consumer<Principal> accessOpen;
    private final SigningKey signingKey;
    private final ClientAddresses clientAddresses;

    public SecurityBeans(TokenService tokens, AccountDirectory directory, AuditorDirectory auditors,
                         Consumer<Principal> hcoGrantActive, Consumer<Principal> accessOpen, SigningKey signingKey,
                         ClientAddresses clientAddresses) {
        this.authenticate = new Authenticate(tokens, directory, auditors);
        this.hcoGrantActive = hcoGrantActive;
        this.accessOpen = accessOpen;
        this.signingKey = signingKey;
        this.clientAddresses = clientAddresses;
    }

    @BindToRegistry
    public Policy citizenPolicy() {
        return new AudiencePolicy(authenticate::citizen, List.of());
    }

    @BindToRegistry
    public Policy hcpPolicy() {
        return new AudiencePolicy(authenticate::hcp, List.of(hcoGrantActive, accessOpen));
    }

    @BindToRegistry
    public Policy auditorPolicy() {
        return new AudiencePolicy(authenticate::auditor, List.of());
    }

    @BindToRegistry
    public Policy emergencyTokenPolicy() {
        return new AudiencePolicy(authenticate::emergency, List.of());
    }

    @BindToRegistry
    public SigningKey signingKey() {
        return signingKey;
    }

    @BindToRegistry
    public ClientAddresses clientAddresses() {
        return clientAddresses;
    }
}
