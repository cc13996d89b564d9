package eu.sehr.cloud.notifications;

/**
 * The body of a notification, field for field as the contract names them, in this order: which emergency access
 * was granted, ended or decided, for which citizen, by which HCO and HCP, and when. Never record names, the
 * justification or comments.
 *
 * @param id   unique per notification (the id of the event it tells of): receivers deduplicate by it
 * @param type {@code EmergencyAccessGranted}, {@code EmergencyAccessEnded} or {@code DisputeDecided}
 */
public record Notification(String id, String type, String citizen, String accessId, String hco, String hcp, String at) {
}
