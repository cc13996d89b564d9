package eu.sehr.cloud.audit.steps;

import java.io.InputStream;
import java.time.Clock;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import eu.sehr.cloud.audit.api.Actor;
import eu.sehr.cloud.audit.api.AuditCommands.ExportAuditTrailCommand;
import eu.sehr.cloud.audit.api.AuditEvents.EventStoreExported;
import eu.sehr.cloud.audit.api.AuditorEvents.AuditViewsReplayStarted;
import eu.sehr.cloud.audit.compliance.ChainVerifier;
import eu.sehr.cloud.audit.compliance.ChainVerifier.ChainVerification;
import eu.sehr.cloud.audit.compliance.EventFilter;
import eu.sehr.cloud.audit.compliance.EventStoreReader;
import eu.sehr.cloud.audit.compliance.NdjsonEvents;
import eu.sehr.cloud.audit.compliance.ViewReplays;
import eu.sehr.cloud.audit.compliance.ViewReplays.ReplayStatus;
import eu.sehr.cloud.infra.http.ApiException;
import eu.sehr.cloud.infra.http.Names;
import eu.sehr.cloud.security.Principal;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.gateway.EventGateway;
import org.axonframework.messaging.MetaData;

/**
 * Pipeline steps of the compliance officers' endpoints: the event export, the chain verification and the view
 * replay. Reading a citizen's stream is itself recorded on that stream, so the citizen sees who read it; an export
 * without a citizen filter is one event naming every account whose events it returned, shown to each of them.
 */
public final class ComplianceSteps {

    private final EventStoreReader reader;
    private final ChainVerifier verifier;
    private final ViewReplays replays;
    private final CommandGateway commands;
    private final EventGateway events;
    private final ObjectMapper mapper;
    private final Clock clock;

    public ComplianceSteps(EventStoreReader reader, ChainVerifier verifier, ViewReplays replays, CommandGateway commands,
                           EventGateway events, ObjectMapper mapper, Clock clock) {
        this.reader = reader;
        this.verifier = verifier;
        this.replays = replays;
        this.clock = clock;
        this.commands = commands;
        this.events = events;
        this.mapper = mapper;
    }

    public InputStream events(Principal auditor, String citizen, String from, String to, String type, String after) {
        EventFilter filter = EventFilter.parse(citizen, from, to, type, after);
        if (filter.citizen() != null) {
            recordRead(auditor, filter.citizen(), "events");
            return new NdjsonEvents(reader.open(filter), mapper);
        }
        // the accounts the export returns, read in the export's own snapshot, are recorded before a line is sent
        EventStoreReader.Cursor cursor = reader.openExport(filter);
        try {
            publish(auditor, new EventStoreExported("from=" + from + " to=" + to + " type=" + type + " after=" + after,
                    cursor.accounts()));
        } catch (RuntimeException e) {
            cursor.close();
            throw e;
        }
        return new NdjsonEvents(cursor, mapper);
    }

    public ChainVerification verify(Principal auditor, String citizen) {
        if (citizen == null || !Names.isUsername(citizen)) {
            throw ApiException.badRequest("citizen must be a valid username");
        }
        ChainVerification result = verifier.verify(citizen);
        recordRead(auditor, citizen, "verify");
        return result;
    }

    public ReplayStarted replay(Principal auditor) {
        String id = replays.start();
        publish(auditor, new AuditViewsReplayStarted(id, reader.headPosition()));
        return new ReplayStarted("the audit views are being rebuilt from the first event", id);
    }

    /** The answer to {@code POST /audit/replay}: 202 with the id to follow. */
    public record ReplayStarted(String msg, String replayId) {
    }

    public ReplayStatus replayStatus(String replayId) {
        return replays.status(replayId);
    }

    private void recordRead(Principal auditor, String citizen, String purpose) {
        for (String account : reader.accountsOf(citizen)) {
            try {
                commands.sendAndWait(new ExportAuditTrailCommand(account, purpose, auditor.actor(), clock.instant()));
            } catch (AggregateNotFoundException e) {
                // the account's stream is gone from the event store (tampering): the read is recorded all the same
                publish(auditor, new EventStoreExported(purpose + " of " + citizen + ": stream " + account + " is missing",
                        List.of(account)));
            }
        }
    }

    private void publish(Principal auditor, Object event) {
        Actor actor = auditor.actor();
        events.publish(GenericEventMessage.asEventMessage(event)
                .andMetaData(MetaData.with(Actor.KIND, actor.kind()).and(Actor.NAME, actor.name())));
    }
}
