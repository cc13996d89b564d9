package eu.sehr.cloud.audit.steps;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import eu.sehr.cloud.account.api.AccountCommands.ReadAuditTrailCommand;
import eu.sehr.cloud.audit.query.AuditEntry;
import eu.sehr.cloud.audit.query.AuditViews;
import eu.sehr.cloud.audit.query.ProjectionFreshness;
import eu.sehr.cloud.security.Principal;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pipeline step of {@code GET /citizen/auditing}: waits until the view holds every event of the citizen appended
 * before the request, then answers the contract's shape (lists oldest first), plus who of the compliance officers
 * read the citizen's stream. Each {@code granted_access} line gains the access's present state (its end, the
 * citizen's review and the compliance officer's decision), as the emergency feature keeps it.
 */
public final class CitizenAuditTrail {

    private static final Logger LOG = LoggerFactory.getLogger(CitizenAuditTrail.class);

    private final ProjectionFreshness freshness;
    private final AuditViews views;
    private final CommandGateway commands;
    private final Function<String, Map<String, Map<String, Object>>> accessStates;
    private final Clock clock;

    /**
     * @param accessStates for an account, the present state of each emergency access by access id: the fields
     *                     {@code ended_on}, {@code end_reason}, {@code review} and {@code decision}
     */
    public CitizenAuditTrail(ProjectionFreshness freshness, AuditViews views, CommandGateway commands,
                             Function<String, Map<String, Map<String, Object>>> accessStates, Clock clock) {
        this.freshness = freshness;
        this.views = views;
        this.commands = commands;
        this.clock = clock;
        this.accessStates = accessStates;
    }

    public Map<String, Object> view(Principal citizen) {
        if (!freshness.awaitAccount(citizen.account())) {
            LOG.warn("The citizen audit view is behind the event store; answering with what it holds");
        }
        Map<String, List<Object>> sections = new LinkedHashMap<>();
        for (String section : List.of(AuditEntry.UPLOADED, AuditEntry.DOWNLOADED, AuditEntry.HCO_GRANTED,
                AuditEntry.HCO_DOWNLOADED, AuditEntry.HCO_UPLOADED, AuditEntry.HCO_LISTED, AuditEntry.HCO_METADATA_READ,
                AuditEntry.COMPLIANCE)) {
            sections.put(section, new ArrayList<>());
        }
        Map<String, Map<String, Object>> states = accessStates.apply(citizen.account());
        for (Document line : views.read(citizen.account())) {
            List<Object> section = sections.get(line.getString("section"));
            if (section != null) {
                section.add(AuditEntry.HCO_GRANTED.equals(line.getString("section"))
                        ? withAccessState(line.get("item", Document.class), states)
                        : line.get("item"));
            }
        }
        commands.sendAndWait(new ReadAuditTrailCommand(citizen.account(), citizen.actor(), clock.instant()));

        Map<String, Object> hrInfo = new LinkedHashMap<>();
        hrInfo.put("uploaded", sections.get(AuditEntry.UPLOADED));
        hrInfo.put("downloaded", sections.get(AuditEntry.DOWNLOADED));
        Map<String, Object> hco = new LinkedHashMap<>();
        hco.put("granted_access", sections.get(AuditEntry.HCO_GRANTED));
        hco.put("downloaded", sections.get(AuditEntry.HCO_DOWNLOADED));
        hco.put("uploaded", sections.get(AuditEntry.HCO_UPLOADED));
        hco.put("listed", sections.get(AuditEntry.HCO_LISTED));
        hco.put("metadata_read", sections.get(AuditEntry.HCO_METADATA_READ));
        Map<String, Object> auditing = new LinkedHashMap<>();
        auditing.put("hr_info", hrInfo);
        auditing.put("hco", hco);
        auditing.put("compliance", sections.get(AuditEntry.COMPLIANCE));
        return Map.of("auditing", auditing);
    }

    /** A granted_access line with every field of the contract (null where unknown, e.g. lines of older events). */
    private static Map<String, Object> withAccessState(Document item, Map<String, Map<String, Object>> states) {
        Map<String, Object> line = new LinkedHashMap<>(item);
        line.putIfAbsent("access_id", null);
        line.putIfAbsent("justification", null);
        line.putIfAbsent("expires_on", line.get("access_expires_on"));
        Map<String, Object> state = states.getOrDefault(String.valueOf(line.get("access_id")), Map.of());
        for (String field : List.of("ended_on", "end_reason", "review", "decision")) {
            line.put(field, state.get(field));
        }
        return line;
    }
}
