package eu.sehr.cloud.extensions.fhir;

import java.net.URI;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.UUID;

import ca.uhn.fhir.context.FhirContext;
import eu.sehr.cloud.extensions.fhir.AuditEventCodes.Code;
import eu.sehr.cloud.extensions.fhir.AuditEventCodes.Kind;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventAgentComponent;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventEntityComponent;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventOutcome;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;

/**
 * The FHIR audit export of {@code routes/extensions/fhir-audit-export.camel.yaml}: turns one public event (the
 * body extension routes receive, the line of {@code GET /audit/events}) into a FHIR R4 AuditEvent built with HAPI
 * FHIR, coded after DICOM and IHE BALP ({@link AuditEventCodes}); the route posts it to the FHIR server (camel-http)
 * and hands the answer to {@link #accepted}.
 * <ul>
 *   <li>who: the actor as a human user agent (requestor); for an HCP also the HCO as an organisation agent;</li>
 *   <li>what: the citizen as the Patient entity, the record ({@code bucket/object}, SHA-256, size) for record events,
 *       the consent document's hash, the emergency access;</li>
 *   <li>when: the time the event was recorded; why: the purpose of use (ETREAT for HCPs and emergency access).</li>
 * </ul>
 * Events carry names, sizes and hashes only, never record bytes, and so does the AuditEvent.
 */
public final class FhirAuditEvents {

    private static final String OBSERVER = "S-EHR Cloud";
    private static final int MAX_ERROR_CHARS = 500;

    private final FhirContext fhir;
    private final URI auditEventEndpoint;

    /** For route files: {@code baseUrl} is the FHIR base ({@code http://fhir:8080/fhir}); blank when not configured. */
    public FhirAuditEvents(String baseUrl) {
        this(FhirContext.forR4(), baseUrl);
    }

    public FhirAuditEvents(FhirContext fhir, String baseUrl) {
        this.fhir = fhir;
        this.auditEventEndpoint = endpoint(baseUrl);
    }

    /** The AuditEvent of a public event, as FHIR JSON. */
    public String toAuditEvent(Map<String, ?> event) {
        return fhir.newJsonParser().encodeResourceToString(auditEventOf(event));
    }

    /** The AuditEvent of a public event. */
    public AuditEvent auditEventOf(Map<String, ?> event) {
        String type = text(event, "type");
        Map<String, ?> actor = map(event, "actor");
        Map<String, ?> payload = map(event, "payload");
        Kind kind = AuditEventCodes.of(type);
        Code purpose = AuditEventCodes.purposeOf(text(actor, "kind"), type);

        AuditEvent audit = new AuditEvent();
        audit.setType(kind.type().coding());
        if (kind.subtype() != null) {
            audit.addSubtype(kind.subtype().coding());
        }
        audit.setAction(kind.action());
        String timestamp = text(event, "timestamp");
        if (timestamp != null) {
            InstantType recorded = new InstantType(Date.from(Instant.parse(timestamp)));
            recorded.setTimeZoneZulu(true);
            audit.setRecordedElement(recorded);
        }
        outcome(audit, type, payload);
        if (purpose != null) {
            audit.addPurposeOfEvent(purpose.concept());
        }
        agents(audit, actor, purpose);
        audit.getSource()
                .setObserver(new Reference().setDisplay(OBSERVER))
                .addType(AuditEventCodes.APPLICATION_SERVER.coding());
        patient(audit, text(event, "citizen"), text(event, "account"));
        if (kind.record()) {
            record(audit, payload);
        }
        consent(audit, type, payload);
        emergencyAccess(audit, payload);
        return audit;
    }

    /**
     * Where the route posts AuditEvents: {@code [base]/AuditEvent}.
     *
     * @throws FhirExportException when {@code sehr.fhir-export.url} is not set, so that the event is retried once it is
     */
    public String endpoint() {
        if (auditEventEndpoint == null) {
            throw new FhirExportException("sehr.fhir-export.url is not set: there is no FHIR server to send AuditEvents to");
        }
        return auditEventEndpoint.toString();
    }

    /**
     * The FHIR server's answer to a posted AuditEvent: its {@code Location}, or null if it sent none.
     *
     * @throws FhirExportException when the answer is other than 2xx, so that the event is retried rather than lost
     */
    public String accepted(int status, String location, String body) {
        if (status / 100 != 2) {
            throw new FhirExportException("the FHIR server at " + auditEventEndpoint + " refused an AuditEvent with HTTP "
                    + status + ": " + abbreviate(body));
        }
        return location;
    }

    private static void outcome(AuditEvent audit, String type, Map<String, ?> payload) {
        boolean refused = type != null && (type.endsWith("Refused") || type.endsWith("Failed"));
        if (!refused) {
            audit.setOutcome(AuditEventOutcome._0);
            return;
        }
        Object status = payload.get("status");
        boolean serverFault = status instanceof Number number && number.intValue() >= 500;
        audit.setOutcome(serverFault ? AuditEventOutcome._8 : AuditEventOutcome._4);
        String reason = text(payload, "reason");
        String endpoint = text(payload, "endpoint");
        if (reason != null) {
            audit.setOutcomeDesc(endpoint == null ? reason : endpoint + ": " + reason);
        }
    }

    /** The actor (requestor), and for an HCP the HCO the HCP acts for. */
    private static void agents(AuditEvent audit, Map<String, ?> actor, Code purpose) {
        String kind = text(actor, "kind");
        String name = text(actor, "name");
        AuditEventAgentComponent agent = audit.addAgent()
                .setType(("SYSTEM".equals(kind) ? AuditEventCodes.APPLICATION : AuditEventCodes.HUMAN_USER).concept())
                .setRequestor(true);
        if (name != null) {
            agent.setWho(new Reference().setType(referenceTypeOf(kind)).setDisplay(name));
        }
        if (purpose != null) {
            agent.addPurposeOfUse(purpose.concept());
        }
        String hco = text(actor, "hco");
        if ("HCP".equals(kind) && hco != null) {
            audit.addAgent()
                    .setType(AuditEventCodes.HEALTHCARE_PROVIDER.concept())
                    .setWho(new Reference().setType("Organization").setDisplay(hco))
                    .setRequestor(false);
        }
    }

    private static String referenceTypeOf(String actorKind) {
        if ("CITIZEN".equals(actorKind)) {
            return "Patient";
        }
        if ("HCP".equals(actorKind)) {
            return "Practitioner";
        }
        return null;
    }

    /** The citizen whose stream holds the event: {@code Patient/{username}}, the account id as identifier. */
    private static void patient(AuditEvent audit, String citizen, String account) {
        if (citizen == null && account == null) {
            return;
        }
        Reference what = new Reference("Patient/" + (citizen != null ? citizen : account));
        if (citizen != null) {
            what.setDisplay(citizen);
        }
        if (account != null && isUuid(account)) {
            what.setIdentifier(new Identifier().setSystem("urn:ietf:rfc:3986").setValue("urn:uuid:" + account));
        }
        audit.addEntity()
                .setWhat(what)
                .setType(AuditEventCodes.PERSON.coding())
                .setRole(AuditEventCodes.PATIENT.coding());
    }

    /** The record (or the bucket, for listings): its name, SHA-256 and size; never its content. */
    private static void record(AuditEvent audit, Map<String, ?> payload) {
        String bucket = text(payload, "bucket");
        if (bucket == null) {
            return;
        }
        String object = text(payload, "object");
        AuditEventEntityComponent record = audit.addEntity()
                .setWhat(new Reference().setDisplay(object == null ? bucket : bucket + "/" + object))
                .setType(AuditEventCodes.SYSTEM_OBJECT.coding())
                .setRole(AuditEventCodes.DOMAIN_RESOURCE.coding());
        if (object != null) {
            record.setName(object);
        }
        detail(record, "sha256", text(payload, "sha256"));
        detail(record, "bytes", text(payload, "bytes"));
        detail(record, "contentType", text(payload, "contentType"));
    }

    private static void consent(AuditEvent audit, String type, Map<String, ?> payload) {
        if (!"ConsentGranted".equals(type)) {
            return;
        }
        AuditEventEntityComponent consent = audit.addEntity()
                .setWhat(new Reference().setType("Consent").setDisplay("consent " + text(payload, "purpose")))
                .setType(AuditEventCodes.SYSTEM_OBJECT.coding())
                .setRole(AuditEventCodes.DOMAIN_RESOURCE.coding());
        detail(consent, "sha256", text(payload, "documentSha256"));
    }

    /** The emergency access an event starts, refuses or ends: its id, the HCP and HCO, when it expires. */
    private static void emergencyAccess(AuditEvent audit, Map<String, ?> payload) {
        String accessId = text(payload, "accessId");
        if (accessId == null) {
            return;
        }
        AuditEventEntityComponent access = audit.addEntity()
                .setWhat(new Reference().setIdentifier(new Identifier().setValue(accessId)).setDisplay("emergency access " + accessId))
                .setType(AuditEventCodes.SYSTEM_OBJECT.coding())
                .setRole(AuditEventCodes.SECURITY_RESOURCE.coding());
        detail(access, "hcpName", text(payload, "hcpName"));
        detail(access, "hcoName", text(payload, "hcoName"));
        detail(access, "expiresAt", text(payload, "expiresAt"));
        detail(access, "reason", text(payload, "reason"));
    }

    private static void detail(AuditEventEntityComponent entity, String type, String value) {
        if (value != null) {
            entity.addDetail().setType(type).setValue(new StringType(value));
        }
    }

    private static String text(Map<String, ?> map, String key) {
        Object value = map == null ? null : map.get(key);
        return value == null ? null : value.toString();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, ?> map(Map<String, ?> map, String key) {
        Object value = map.get(key);
        return value instanceof Map<?, ?> nested ? (Map<String, ?>) nested : Map.of();
    }

    private static boolean isUuid(String value) {
        try {
            return UUID.fromString(value).toString().equalsIgnoreCase(value);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static URI endpoint(String baseUrl) {
        if (baseUrl == null || baseUrl.isBlank()) {
            return null;
        }
        String base = baseUrl.strip();
        URI uri = URI.create(base.endsWith("/") ? base + "AuditEvent" : base + "/AuditEvent");
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
            throw new IllegalArgumentException("sehr.fhir-export.url must be an http(s) URL: " + baseUrl);
        }
        return uri;
    }

    private static String abbreviate(String body) {
        if (body == null) {
            return "";
        }
        return body.length() <= MAX_ERROR_CHARS ? body : body.substring(0, MAX_ERROR_CHARS) + "...";
    }
}
