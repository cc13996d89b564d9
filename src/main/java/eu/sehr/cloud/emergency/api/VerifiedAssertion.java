package eu.sehr.cloud.emergency.api;

/**
 * The facts of an HCO assertion whose signature, certificate chain and freshness were verified: which HCO (its id
 * and the SHA-256 of its key), which HCP, the certificate and why the HCP needs the records. No token, no signature.
 */
public record VerifiedAssertion(String hcoId, String hcoKey, String hcoName, String hcpName, String certificateSha256,
                                String justification) {
    @Override
    public String toString() {
        return "VerifiedAssertion[" + hcoId + ", " + hcoName + ", " + hcpName + "]";
    }
}
