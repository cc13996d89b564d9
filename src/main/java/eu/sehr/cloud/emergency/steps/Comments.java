package eu.sehr.cloud.emergency.steps;

import eu.sehr.cloud.domain.InvalidRequest;

/** Free-text comments of reviews and decisions: optional, at most a number of characters. */
final class Comments {

    private Comments() {
    }

    static String optional(String comment, int maxChars) {
        if (comment == null) {
            return null;
        }
        if (comment.codePointCount(0, comment.length()) > maxChars) {
            throw new InvalidRequest("comment must be at most " + maxChars + " characters");
        }
        return comment;
    }
}
