package eu.sehr.cloud.emergency.trust;

import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import eu.sehr.cloud.infra.Hashes;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.x500.AttributeTypeAndValue;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;

/**
 * Who an HCO is, read from its (validated) certificate: its name, the subject's organisation (O), or its common name
 * (CN) when it has no O; and its key, the SHA-256 of the SubjectPublicKeyInfo, which stays the same across
 * certificate renewals. The 10-hex-character {@link #hcoId} in emergency bucket names is a short form of the key
 * that a determined HCO could collide with; only the full {@link #keyFingerprint} identifies the HCO.
 */
public final class HcoIdentity {

    private static final int HCO_ID_HEX_CHARS = 10;

    private HcoIdentity() {
    }

    /**
     * The HCO's name: the single O of the certificate's subject, or without O its single CN. Empty when there is
     * neither, or more than one of the attribute that names it (the name would be in doubt).
     */
    public static Optional<String> name(X509Certificate certificate) {
        X500Name subject = X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded());
        List<ASN1Encodable> organisations = values(subject, BCStyle.O);
        return single(organisations.isEmpty() ? values(subject, BCStyle.CN) : organisations);
    }

    /** The lowercase hex SHA-256 of the certificate's SubjectPublicKeyInfo: the HCO's identity. */
    public static String keyFingerprint(X509Certificate certificate) {
        return Hashes.sha256Hex(certificate.getPublicKey().getEncoded());
    }

    /** The HCO id in emergency bucket names: the first 10 hex characters of {@link #keyFingerprint}. */
    public static String hcoId(X509Certificate certificate) {
        return keyFingerprint(certificate).substring(0, HCO_ID_HEX_CHARS);
    }

    /** The values of every attribute of this type in the name, multi-valued RDNs included. */
    private static List<ASN1Encodable> values(X500Name name, ASN1ObjectIdentifier type) {
        return Arrays.stream(name.getRDNs(type))
                .flatMap(rdn -> Arrays.stream(rdn.getTypesAndValues()))
                .filter(attribute -> type.equals(attribute.getType()))
                .map(AttributeTypeAndValue::getValue)
                .toList();
    }

    private static Optional<String> single(List<ASN1Encodable> values) {
        if (values.size() != 1 || !(values.get(0) instanceof ASN1String text)) {
            return Optional.empty();
        }
        return Optional.of(text.getString()).filter(value -> !value.isBlank());
    }
}
