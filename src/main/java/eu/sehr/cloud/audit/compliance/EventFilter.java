package eu.sehr.cloud.audit.compliance;

import java.time.Instant;
import java.time.format.DateTimeParseException;

import eu.sehr.cloud.infra.http.ApiException;
import eu.sehr.cloud.infra.http.Names;

/** The filters of {@code GET /audit/events}; every one optional. */
public record EventFilter(String citizen, Instant from, Instant to, String type, Long after) {

    public static EventFilter parse(String citizen, String from, String to, String type, String after) {
        if (citizen != null && !Names.isUsername(citizen)) {
            throw ApiException.badRequest("citizen must be a valid username");
        }
        if (type != null && !type.matches("[A-Za-z][A-Za-z0-9]{0,80}")) {
            throw ApiException.badRequest("type must be an event type name such as HealthRecordDownloaded");
        }
        return new EventFilter(citizen, instant(from, "from"), instant(to, "to"), type, position(after));
    }

    private static Instant instant(String text, String name) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest(name + " must be an ISO-8601 UTC time such as 2026-11-24T10:15:30.123Z");
        }
    }

    private static Long position(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            long position = Long.parseLong(text);
            if (position < 0) {
                throw new NumberFormatException();
            }
            return position;
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("after must be a non-negative event position");
        }
    }
}
