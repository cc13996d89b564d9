package eu.sehr.cloud.domain;

/** The consent that the request needs is not active: the cloud consent, or the HCO consent it is bound to (403). */
public final class ConsentMissing extends Refusal {

    public ConsentMissing(String message) {
        super(message);
    }
}
