package eu.sehr.cloud.emergency.steps;

import java.util.regex.Pattern;

import eu.sehr.cloud.domain.NotFound;

/** Access ids in paths: anything that cannot be an access id is simply not found (404), like an unknown one. */
final class AccessIds {

    private static final Pattern ACCESS_ID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private AccessIds() {
    }

    static String require(String accessId) {
        if (accessId == null || !ACCESS_ID.matcher(accessId).matches()) {
            throw new NotFound("no such emergency access");
        }
        return accessId;
    }
}
