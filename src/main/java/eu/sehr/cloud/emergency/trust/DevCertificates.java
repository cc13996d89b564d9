package eu.sehr.cloud.emergency.trust;

import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

import javax.security.auth.x500.X500Principal;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.CertificatePolicies;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.PolicyInformation;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Makes the certificates of a development or test PKI: a self-signed CA, HCO certificates it issues and its CRLs. Used by the
 * {@code dev-pki} command and by the tests; production HCO certificates come from a real CA. The JDK's providers do
 * the cryptography: no security provider is registered globally.
 */
public final class DevCertificates {

    /** How long a CA made by {@link #certificateAuthority(String)} is valid. */
    public static final Duration CA_VALIDITY = Duration.ofDays(5 * 365);
    /** How long an HCO certificate made by {@link #hco(String, CertifiedKey)} is valid. */
    public static final Duration HCO_VALIDITY = Duration.ofDays(365);

    private static final Duration BACKDATE = Duration.ofMinutes(5);
    private static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";

    private final Clock clock;
    private final SecureRandom random;

    public DevCertificates(Clock clock) {
        this(clock, new SecureRandom());
    }

    public DevCertificates(Clock clock, SecureRandom random) {
        this.clock = clock;
        this.random = random;
    }

    /** A fresh EC P-256 key pair (ES256). */
    public KeyPair ecKeyPair() {
        return keyPair("EC", generator -> generator.initialize(new ECGenParameterSpec("secp256r1"), random));
    }

    /** A fresh 2048-bit RSA key pair (RS256). */
    public KeyPair rsaKeyPair() {
        return keyPair("RSA", generator -> generator.initialize(2048, random));
    }

    /** A self-signed CA with a fresh EC P-256 key, valid from a few minutes ago for {@link #CA_VALIDITY}. */
    public CertifiedKey certificateAuthority(String name) {
        Instant now = clock.instant();
        return certificateAuthority(name, ecKeyPair(), now.minus(BACKDATE), now.plus(CA_VALIDITY));
    }

    /** A self-signed CA certificate: basic constraints CA=true, key usage keyCertSign and cRLSign. */
    public CertifiedKey certificateAuthority(String name, KeyPair keys, Instant notBefore, Instant notAfter) {
        X500Name subject = commonName(name);
        try {
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = builder(subject, subject, keys.getPublic(), notBefore, notAfter)
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
                    .addExtension(Extension.subjectKeyIdentifier, false,
                            extensions.createSubjectKeyIdentifier(keys.getPublic()));
            return new CertifiedKey(sign(builder, keys.getPrivate()), keys.getPrivate());
        } catch (GeneralSecurityException | CertIOException e) {
            throw new IllegalStateException("cannot make the CA certificate", e);
        }
    }

    /** An HCO certificate with a fresh EC P-256 key, issued by the CA, valid from a few minutes ago for a year. */
    public CertifiedKey hco(String name, CertifiedKey ca) {
        Instant now = clock.instant();
        return hco(name, ecKeyPair(), ca, now.minus(BACKDATE), now.plus(HCO_VALIDITY));
    }

    /**
     * An end-entity certificate for the HCO's key, issued by the CA: subject O and CN the HCO's name, CA=false, key
     * usage digitalSignature, extended key usage id-kp-clientAuth (what the service requires by default), no
     * certificate policies.
     */
    public CertifiedKey hco(String name, KeyPair keys, CertifiedKey ca, Instant notBefore, Instant notAfter) {
        return endEntity(hcoSubject(name), keys, ca, notBefore, notAfter,
                List.of(HcoCertificateProfile.CLIENT_AUTH), List.of());
    }

    /**
     * A TLS server certificate (CN = the host name, extended key usage id-kp-serverAuth) with a fresh EC P-256 key,
     * issued by the CA, valid from a few minutes ago for a year.
     */
    public CertifiedKey tlsServer(String hostName, CertifiedKey ca) {
        Instant now = clock.instant();
        return endEntity(principal(commonName(hostName)), ecKeyPair(), ca, now.minus(BACKDATE), now.plus(HCO_VALIDITY),
                List.of(SERVER_AUTH), List.of());
    }

    /**
     * An end-entity certificate for this subject and key, issued by the CA: CA=false, key usage digitalSignature,
     * these extended key usages (none: no such extension) and certificate policies (none: no such extension).
     */
    public CertifiedKey endEntity(X500Principal subject, KeyPair keys, CertifiedKey ca, Instant notBefore,
                                  Instant notAfter, List<String> extendedKeyUsages, List<String> policies) {
        X500Name issuer = X500Name.getInstance(ca.certificate().getSubjectX500Principal().getEncoded());
        try {
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = builder(issuer, X500Name.getInstance(subject.getEncoded()),
                    keys.getPublic(), notBefore, notAfter)
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
                    .addExtension(Extension.subjectKeyIdentifier, false,
                            extensions.createSubjectKeyIdentifier(keys.getPublic()))
                    .addExtension(Extension.authorityKeyIdentifier, false,
                            extensions.createAuthorityKeyIdentifier(ca.certificate().getPublicKey()));
            if (!extendedKeyUsages.isEmpty()) {
                builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(extendedKeyUsages.stream()
                        .map(oid -> KeyPurposeId.getInstance(new ASN1ObjectIdentifier(oid)))
                        .toArray(KeyPurposeId[]::new)));
            }
            if (!policies.isEmpty()) {
                builder.addExtension(Extension.certificatePolicies, false, new CertificatePolicies(policies.stream()
                        .map(oid -> new PolicyInformation(new ASN1ObjectIdentifier(oid)))
                        .toArray(PolicyInformation[]::new)));
            }
            return new CertifiedKey(sign(builder, ca.privateKey()), keys.getPrivate());
        } catch (GeneralSecurityException | CertIOException e) {
            throw new IllegalStateException("cannot make the HCO certificate", e);
        }
    }

    /** The subject of the HCO certificates made by {@link #hco(String, CertifiedKey)}: O and CN the HCO's name. */
    public static X500Principal hcoSubject(String name) {
        requireName(name);
        return principal(new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.O, name)
                .addRDN(BCStyle.CN, name)
                .build());
    }

    private static X500Principal principal(X500Name name) {
        try {
            return new X500Principal(name.getEncoded());
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode the subject name", e);
        }
    }

    /** A CRL issued by the CA, valid from {@code thisUpdate} to {@code nextUpdate}, revoking these certificates. */
    public X509CRL revocationList(CertifiedKey ca, Instant thisUpdate, Instant nextUpdate, List<X509Certificate> revoked) {
        X500Name issuer = X500Name.getInstance(ca.certificate().getSubjectX500Principal().getEncoded());
        X509v2CRLBuilder builder = new X509v2CRLBuilder(issuer, Date.from(thisUpdate))
                .setNextUpdate(Date.from(nextUpdate));
        for (X509Certificate certificate : revoked) {
            builder.addCRLEntry(certificate.getSerialNumber(), Date.from(thisUpdate), CRLReason.keyCompromise);
        }
        try {
            builder.addExtension(Extension.authorityKeyIdentifier, false,
                    new JcaX509ExtensionUtils().createAuthorityKeyIdentifier(ca.certificate().getPublicKey()));
            return new JcaX509CRLConverter().getCRL(builder.build(
                    new JcaContentSignerBuilder(signatureAlgorithm(ca.privateKey())).build(ca.privateKey())));
        } catch (GeneralSecurityException | CertIOException | OperatorCreationException e) {
            throw new IllegalStateException("cannot make the CRL", e);
        }
    }

    private X509v3CertificateBuilder builder(X500Name issuer, X500Name subject, PublicKey key,
                                             Instant notBefore, Instant notAfter) {
        BigInteger serial = new BigInteger(127, random).add(BigInteger.ONE);
        return new JcaX509v3CertificateBuilder(issuer, serial, Date.from(notBefore), Date.from(notAfter), subject, key);
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey issuerKey)
            throws GeneralSecurityException {
        try {
            return new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder(signatureAlgorithm(issuerKey)).build(issuerKey)));
        } catch (OperatorCreationException e) {
            throw new GeneralSecurityException("cannot sign with the issuer's key", e);
        }
    }

    private static String signatureAlgorithm(PrivateKey key) {
        return "RSA".equals(key.getAlgorithm()) ? "SHA256withRSA" : "SHA256withECDSA";
    }

    private static X500Name commonName(String name) {
        requireName(name);
        return new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, name).build();
    }

    private static void requireName(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a certificate needs a name");
        }
    }

    private static KeyPair keyPair(String algorithm, Initializer initializer) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
            initializer.initialize(generator);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate a " + algorithm + " key pair", e);
        }
    }

    @FunctionalInterface
    private interface Initializer {
        void initialize(KeyPairGenerator generator) throws GeneralSecurityException;
    }
}
