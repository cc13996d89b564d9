package eu.sehr.cloud.emergency.trust;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;

/** A certificate together with the private key of its subject: what it takes to sign certificates or assertions. */
public record CertifiedKey(X509Certificate certificate, PrivateKey privateKey) {
}
