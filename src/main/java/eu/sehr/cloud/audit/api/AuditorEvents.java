package eu.sehr.cloud.audit.api;

/** Events of compliance officers' sessions (not on a citizen's stream). */
public final class AuditorEvents {

    private AuditorEvents() {
    }

    public record AuditorLoggedIn(String auditor) {
    }

    public record AuditViewsReplayStarted(String replayId, long totalEvents) {
    }
}
