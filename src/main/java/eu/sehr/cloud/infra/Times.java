package eu.sehr.cloud.infra;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Times as the contract writes them: ISO-8601 UTC with milliseconds, always ({@code 2026-11-24T10:15:30.000Z}). */
public final class Times {

    private static final DateTimeFormatter ISO_MILLIS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private Times() {
    }

    public static String iso(Instant instant) {
        return ISO_MILLIS.format(instant);
    }
}
