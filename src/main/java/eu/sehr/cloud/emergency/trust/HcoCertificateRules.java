package eu.sehr.cloud.emergency.trust;

import java.security.GeneralSecurityException;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertStore;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateParsingException;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import eu.sehr.cloud.infra.ConfigurationException;
import eu.sehr.cloud.infra.http.ApiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides whether an HCO's certificate chain (the assertion's {@code x5c}, leaf first) is to be trusted: PKIX from a
 * configured trust anchor (validity dates, basic constraints, revocation when CRLs are configured, and the required
 * certificate policies of the {@link HcoCertificateProfile}), then the leaf's key usage (digitalSignature, when the
 * extension is there) and its extended key usage (the required one or anyExtendedKeyUsage; the extension must be
 * there when one is required). Every refusal is a 403 whose message names the rule and nothing of the certificates.
 */
public final class HcoCertificateRules {

    private static final Logger LOG = LoggerFactory.getLogger(HcoCertificateRules.class);
    private static final int MAX_CHAIN_LENGTH = 8;
    private static final int DIGITAL_SIGNATURE = 0;

    private final Set<TrustAnchor> anchors;
    private final List<X509Certificate> anchorCertificates;
    private final Optional<CertStore> crls;
    private final HcoCertificateProfile profile;
    private final Clock clock;

    public HcoCertificateRules(TrustAnchors trustAnchors, HcoCertificateProfile profile, Clock clock) {
        this.anchorCertificates = trustAnchors.certificates();
        this.anchors = anchorCertificates.stream()
                .map(certificate -> new TrustAnchor(certificate, null))
                .collect(Collectors.toUnmodifiableSet());
        this.crls = trustAnchors.crls().isEmpty() ? Optional.empty() : Optional.of(certStore(trustAnchors));
        this.profile = profile;
        this.clock = clock;
    }

    /**
     * Validates the chain and returns its leaf, the HCO's certificate.
     *
     * @throws ApiException 403 when the chain is missing, too long or not to be trusted
     */
    public X509Certificate validate(List<X509Certificate> chain) {
        if (anchors.isEmpty()) {
            throw refused("no healthcare organisation is trusted by this server");
        }
        if (chain == null || chain.isEmpty()) {
            throw refused("the HCO assertion carries no x5c certificate chain");
        }
        if (chain.size() > MAX_CHAIN_LENGTH) {
            throw refused("the HCO assertion's x5c certificate chain is too long");
        }
        try {
            CertPath path = CertificateFactory.getInstance("X.509").generateCertPath(withoutAnchors(chain));
            CertPathValidator.getInstance("PKIX").validate(path, parameters());
        } catch (GeneralSecurityException e) {
            LOG.debug("HCO certificate chain refused: {}", e.getMessage());
            throw refused("the HCO certificate chain is not trusted, expired, revoked "
                    + "or not issued under a required policy");
        }
        X509Certificate leaf = chain.get(0);
        checkKeyUsage(leaf);
        checkExtendedKeyUsage(leaf);
        return leaf;
    }

    private PKIXParameters parameters() throws GeneralSecurityException {
        PKIXParameters parameters = new PKIXParameters(anchors);
        parameters.setDate(Date.from(clock.instant()));
        parameters.setRevocationEnabled(crls.isPresent());
        crls.ifPresent(parameters::addCertStore);
        if (!profile.requiredPolicies().isEmpty()) {
            parameters.setInitialPolicies(profile.requiredPolicies());
            parameters.setExplicitPolicyRequired(true);
        }
        return parameters;
    }

    /** The chain without the trailing certificates that are themselves anchors (PKIX wants paths that stop short). */
    private List<X509Certificate> withoutAnchors(List<X509Certificate> chain) {
        List<X509Certificate> path = new ArrayList<>(chain);
        while (path.size() > 1 && anchorCertificates.contains(path.get(path.size() - 1))) {
            path.remove(path.size() - 1);
        }
        return path;
    }

    private static void checkKeyUsage(X509Certificate leaf) {
        boolean[] keyUsage = leaf.getKeyUsage();
        if (keyUsage != null && !keyUsage[DIGITAL_SIGNATURE]) {
            throw refused("the HCO certificate is not meant for digital signatures");
        }
    }

    private void checkExtendedKeyUsage(X509Certificate leaf) {
        if (profile.requiredEku() == null) {
            return;
        }
        List<String> usages;
        try {
            usages = leaf.getExtendedKeyUsage();
        } catch (CertificateParsingException e) {
            LOG.debug("Unreadable extended key usage: {}", e.getMessage());
            usages = null;
        }
        if (usages == null || !(usages.contains(profile.requiredEku())
                || usages.contains(HcoCertificateProfile.ANY_EXTENDED_KEY_USAGE))) {
            throw refused("the HCO certificate is not issued for the required extended key usage");
        }
    }

    private static ApiException refused(String rule) {
        LOG.debug("HCO certificate refused: {}", rule);
        return ApiException.forbidden(rule);
    }

    private static CertStore certStore(TrustAnchors trustAnchors) {
        try {
            return CertStore.getInstance("Collection", new CollectionCertStoreParameters(trustAnchors.crls()));
        } catch (GeneralSecurityException e) {
            throw new ConfigurationException("sehr.hco.crls: the revocation lists cannot be used", e);
        }
    }
}
