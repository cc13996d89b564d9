package eu.sehr.cloud.emergency.query;

/** The shapes in which the API shows emergency accesses, field for field as the contract names them. */
public final class EmergencyAccessViews {

    private EmergencyAccessViews() {
    }

    /** One access as the citizen sees it ({@code GET /citizen/emergency}); times ISO-8601 UTC. */
    public record AccessView(String accessId, String hco, String hcp, String justification, String grantedOn,
                             String expiresOn, String endedOn, String endReason, ReviewView review,
                             DecisionView decision) {
        @Override
        public String toString() {
            return "AccessView[" + accessId + "]";
        }
    }

    public record ReviewView(String verdict, String comment, String reviewedOn) {
    }

    public record DecisionView(String decision, String comment, String decidedOn) {
    }

    /** One disputed access as compliance officers see it ({@code GET /audit/disputes}). */
    public record DisputeView(String citizen, String accessId, String hco, String hcp, String justification,
                              String grantedOn, String comment, String disputedOn, AuditorDecisionView decision) {
        @Override
        public String toString() {
            return "DisputeView[" + accessId + "]";
        }
    }

    public record AuditorDecisionView(String decision, String comment, String decidedOn, String auditor) {
    }
}
