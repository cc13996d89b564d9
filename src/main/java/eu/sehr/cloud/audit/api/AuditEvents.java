package eu.sehr.cloud.audit.api;

import java.util.List;

import eu.sehr.cloud.account.api.CitizenEvent;

/** The events of the audit feature itself: reading the audit is an access too. */
public final class AuditEvents {

    private AuditEvents() {
    }

    /** A compliance officer read this citizen's event stream ({@code purpose}: events or verify). */
    public record AuditTrailExported(String accountId, String purpose) implements CitizenEvent {
    }

    /**
     * A compliance officer read the event store without naming a citizen: {@code accountIds} are the accounts whose
     * streams the read returned events of (null in events stored before it was recorded), each of which sees the read
     * in its audit view. One event per read, however many accounts it names.
     */
    public record EventStoreExported(String filter, List<String> accountIds) {
    }
}
