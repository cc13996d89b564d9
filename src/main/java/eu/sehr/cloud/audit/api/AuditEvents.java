package eu.sehr.cloud.audit.api;

import eu.sehr.cloud.account.api.CitizenEvent;

/** The events of the audit feature itself: reading the audit is an access too. */
public final class AuditEvents {

    private AuditEvents() {
    }

    /** A compliance officer read this citizen's event stream ({@code purpose}: events or verify). */
    public record AuditTrailExported(String accountId, String purpose) implements CitizenEvent {
    }

    /** A compliance officer read the event store without naming a citizen. */
    public record EventStoreExported(String filter) {
    }
}
