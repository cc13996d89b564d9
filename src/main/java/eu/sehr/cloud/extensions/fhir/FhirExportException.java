package eu.sehr.cloud.extensions.fhir;

/** An AuditEvent did not reach the FHIR server; the export retries the event. */
public class FhirExportException extends RuntimeException {

    public FhirExportException(String message) {
        super(message);
    }

    public FhirExportException(String message, Throwable cause) {
        super(message, cause);
    }
}
