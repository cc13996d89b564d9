package eu.sehr.cloud.extensions.fhir;

import java.util.Map;

import org.hl7.fhir.r4.model.AuditEvent.AuditEventAction;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;

/**
 * How each S-EHR Cloud event type is coded in a FHIR R4 AuditEvent, after DICOM (PS3.16 audit event ids), the FHIR
 * audit terminologies and the IHE Basic Audit Log Patterns (BALP): record events are DICOM "Patient Record" with a
 * RESTful interaction subtype, emergency access is a DICOM "Security Alert" (emergency override started/stopped,
 * as FHIR's break-glass example), logins are DICOM "User Authentication", the rest are FHIR {@code rest}.
 */
final class AuditEventCodes {

    static final String DCM = "http://dicom.nema.org/resources/ontology/DCM";
    static final String AUDIT_EVENT_TYPE = "http://terminology.hl7.org/CodeSystem/audit-event-type";
    static final String RESTFUL_INTERACTION = "http://hl7.org/fhir/restful-interaction";
    static final String SECURITY_ROLE_TYPE = "http://terminology.hl7.org/CodeSystem/extra-security-role-type";
    static final String ROLE_CLASS = "http://terminology.hl7.org/CodeSystem/v3-RoleClass";
    static final String ACT_REASON = "http://terminology.hl7.org/CodeSystem/v3-ActReason";
    static final String SOURCE_TYPE = "http://terminology.hl7.org/CodeSystem/security-source-type";
    static final String ENTITY_TYPE = "http://terminology.hl7.org/CodeSystem/audit-entity-type";
    static final String OBJECT_ROLE = "http://terminology.hl7.org/CodeSystem/object-role";

    /** One code of a code system; a new HAPI {@link Coding} on each use, as HAPI model objects are mutable. */
    record Code(String system, String code, String display) {
        Coding coding() {
            return new Coding(system, code, display);
        }

        CodeableConcept concept() {
            return new CodeableConcept(coding());
        }
    }

    /** An event type's AuditEvent type, subtype (null for none) and action; {@code record}: it is about a health record. */
    record Kind(Code type, Code subtype, AuditEventAction action, boolean record) {
    }

    // AuditEvent.type
    static final Code PATIENT_RECORD = new Code(DCM, "110110", "Patient Record");
    static final Code SECURITY_ALERT = new Code(DCM, "110113", "Security Alert");
    static final Code USER_AUTHENTICATION = new Code(DCM, "110114", "User Authentication");
    static final Code APPLICATION_ACTIVITY = new Code(DCM, "110100", "Application Activity");
    static final Code REST = new Code(AUDIT_EVENT_TYPE, "rest", "Restful Operation");

    // AuditEvent.subtype
    static final Code READ = new Code(RESTFUL_INTERACTION, "read", "read");
    static final Code CREATE = new Code(RESTFUL_INTERACTION, "create", "create");
    static final Code UPDATE = new Code(RESTFUL_INTERACTION, "update", "update");
    static final Code DELETE = new Code(RESTFUL_INTERACTION, "delete", "delete");
    static final Code SEARCH = new Code(RESTFUL_INTERACTION, "search-type", "search-type");
    static final Code LOGIN = new Code(DCM, "110122", "Login");
    static final Code EMERGENCY_OVERRIDE_STARTED = new Code(DCM, "110127", "Emergency Override Started");
    static final Code EMERGENCY_OVERRIDE_STOPPED = new Code(DCM, "110138", "Emergency Override Stopped");

    // agents, purpose of use, source, entities
    static final Code HUMAN_USER = new Code(SECURITY_ROLE_TYPE, "humanuser", "human user");
    static final Code APPLICATION = new Code(DCM, "110150", "Application");
    static final Code HEALTHCARE_PROVIDER = new Code(ROLE_CLASS, "PROV", "healthcare provider");
    static final Code EMERGENCY_TREATMENT = new Code(ACT_REASON, "ETREAT", "Emergency Treatment");
    static final Code PATIENT_REQUESTED = new Code(ACT_REASON, "PATRQT", "patient requested");
    static final Code HEALTH_COMPLIANCE = new Code(ACT_REASON, "HCOMPL", "health compliance");
    static final Code HEALTHCARE_OPERATIONS = new Code(ACT_REASON, "HOPERAT", "healthcare operations");
    static final Code APPLICATION_SERVER = new Code(SOURCE_TYPE, "4", "Application Server");
    static final Code PERSON = new Code(ENTITY_TYPE, "1", "Person");
    static final Code SYSTEM_OBJECT = new Code(ENTITY_TYPE, "2", "System Object");
    static final Code PATIENT = new Code(OBJECT_ROLE, "1", "Patient");
    static final Code DOMAIN_RESOURCE = new Code(OBJECT_ROLE, "4", "Domain Resource");
    static final Code SECURITY_RESOURCE = new Code(OBJECT_ROLE, "13", "Security Resource");

    private static final Kind OTHER = new Kind(REST, null, AuditEventAction.E, false);

    private static final Map<String, Kind> KINDS = Map.ofEntries(
            Map.entry("HealthRecordUploaded", new Kind(PATIENT_RECORD, CREATE, AuditEventAction.C, true)),
            Map.entry("HealthRecordDownloaded", new Kind(PATIENT_RECORD, READ, AuditEventAction.R, true)),
            Map.entry("HealthRecordMetadataRead", new Kind(PATIENT_RECORD, READ, AuditEventAction.R, true)),
            Map.entry("BucketListed", new Kind(PATIENT_RECORD, SEARCH, AuditEventAction.E, true)),
            Map.entry("BucketsListed", new Kind(PATIENT_RECORD, SEARCH, AuditEventAction.E, true)),
            Map.entry("EmergencyAccessGranted", new Kind(SECURITY_ALERT, EMERGENCY_OVERRIDE_STARTED, AuditEventAction.E, false)),
            Map.entry("EmergencyAccessRefused", new Kind(SECURITY_ALERT, EMERGENCY_OVERRIDE_STARTED, AuditEventAction.E, false)),
            Map.entry("EmergencyAccessEnded", new Kind(SECURITY_ALERT, EMERGENCY_OVERRIDE_STOPPED, AuditEventAction.E, false)),
            Map.entry("CitizenLoggedIn", new Kind(USER_AUTHENTICATION, LOGIN, AuditEventAction.E, false)),
            Map.entry("CitizenLoginFailed", new Kind(USER_AUTHENTICATION, LOGIN, AuditEventAction.E, false)),
            Map.entry("AuditorLoggedIn", new Kind(USER_AUTHENTICATION, LOGIN, AuditEventAction.E, false)),
            Map.entry("CitizenRegistered", new Kind(REST, CREATE, AuditEventAction.C, false)),
            Map.entry("CitizenAccountDeleted", new Kind(REST, DELETE, AuditEventAction.D, false)),
            Map.entry("ConsentGranted", new Kind(REST, CREATE, AuditEventAction.C, false)),
            Map.entry("HcoConsentRevoked", new Kind(REST, UPDATE, AuditEventAction.U, false)),
            Map.entry("AuditTrailRead", new Kind(REST, SEARCH, AuditEventAction.E, false)),
            Map.entry("AuditTrailExported", new Kind(REST, SEARCH, AuditEventAction.E, false)),
            Map.entry("EventStoreExported", new Kind(REST, SEARCH, AuditEventAction.E, false)),
            Map.entry("AuditViewsReplayStarted", new Kind(APPLICATION_ACTIVITY, null, AuditEventAction.E, false)));

    private AuditEventCodes() {
    }

    /** The coding of an event type (its simple name); an unknown type is a {@code rest} event with action E. */
    static Kind of(String eventType) {
        return eventType == null ? OTHER : KINDS.getOrDefault(eventType, OTHER);
    }

    /**
     * Why the actor acted: emergency treatment for HCPs and every emergency access event, patient requested for the
     * citizen's own requests, health compliance for compliance officers, operations for the service itself.
     */
    static Code purposeOf(String actorKind, String eventType) {
        if ("HCP".equals(actorKind) || (eventType != null && eventType.startsWith("EmergencyAccess"))) {
            return EMERGENCY_TREATMENT;
        }
        if (actorKind == null) {
            return null;
        }
        return switch (actorKind) {
            case "CITIZEN" -> PATIENT_REQUESTED;
            case "AUDITOR" -> HEALTH_COMPLIANCE;
            case "SYSTEM" -> HEALTHCARE_OPERATIONS;
            default -> null;
        };
    }
}
