package eu.sehr.cloud.emergency.trust;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

import eu.sehr.cloud.infra.ConfigurationException;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;

/**
 * What an HCO's certificate must be issued for, beyond a valid chain: an extended key usage in the leaf
 * ({@code sehr.hco.required-eku}) and certificate policies along the path ({@code sehr.hco.certificate-policies}).
 *
 * @param requiredEku      the OID the leaf's extended key usage must list (or {@code anyExtendedKeyUsage}, RFC 5280
 *                         4.2.1.12); null: not checked
 * @param requiredPolicies the policy OIDs one of which the path must be valid for (PKIX initial policy set with an
 *                         explicit policy required, RFC 5280 6.1); empty: not required
 */
public record HcoCertificateProfile(String requiredEku, Set<String> requiredPolicies) {

    /** id-kp-clientAuth: the default required extended key usage. */
    public static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";
    /** anyExtendedKeyUsage, which satisfies any required extended key usage. */
    public static final String ANY_EXTENDED_KEY_USAGE = "2.5.29.37.0";

    public HcoCertificateProfile {
        requiredPolicies = Set.copyOf(requiredPolicies);
    }

    /** id-kp-clientAuth required, no certificate policy required: what {@link DevCertificates} issues. */
    public static HcoCertificateProfile defaults() {
        return new HcoCertificateProfile(CLIENT_AUTH, Set.of());
    }

    /**
     * From the settings: an absent or blank EKU means none is required; the policies are comma-separated OIDs.
     *
     * @throws ConfigurationException when a value is not an object identifier
     */
    public static HcoCertificateProfile of(Optional<String> requiredEku, Optional<String> requiredPolicies) {
        String eku = requiredEku.map(String::strip).filter(value -> !value.isEmpty())
                .map(value -> oid(value, "sehr.hco.required-eku")).orElse(null);
        Set<String> policies = new LinkedHashSet<>();
        requiredPolicies.ifPresent(list -> Arrays.stream(list.split(","))
                .map(String::strip)
                .filter(value -> !value.isEmpty())
                .forEach(value -> policies.add(oid(value, "sehr.hco.certificate-policies"))));
        return new HcoCertificateProfile(eku, policies);
    }

    private static String oid(String value, String setting) {
        ASN1ObjectIdentifier oid = ASN1ObjectIdentifier.tryFromID(value);
        if (oid == null) {
            throw new ConfigurationException(setting + ": not an object identifier (like 1.3.6.1.5.5.7.3.2): " + value);
        }
        return oid.getId();
    }
}
