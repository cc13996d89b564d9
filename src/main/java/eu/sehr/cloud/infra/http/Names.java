package eu.sehr.cloud.infra.http;

import java.util.Set;
import java.util.regex.Pattern;

/** The contract's name rules (API.md, Names); a name that breaks them is a 400 before any store is asked. */
public final class Names {

    private static final Pattern USERNAME = Pattern.compile("(?=.{3,32}$)[a-z0-9]+(-[a-z0-9]+)*");
    private static final Pattern OBJECT_NAME = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]{0,127}");
    private static final Pattern HCO_ID = Pattern.compile("[0-9a-f]{10}");
    private static final Set<String> RESERVED = Set.of("buckets", "consent", "upload", "account", "auditing",
            "register", "login", "requestaccess", "metadata");
    private static final String EMERGENCY_BUCKET_MARK = "--hco-";

    private Names() {
    }

    public static boolean isUsername(String name) {
        return name != null && USERNAME.matcher(name).matches() && !RESERVED.contains(name);
    }

    public static String requireUsername(String name) {
        if (!isUsername(name)) {
            throw ApiException.badRequest("invalid username: 3 to 32 of a-z, 0-9 and single hyphens, not a reserved word");
        }
        return name;
    }

    public static String requireObjectName(String name) {
        if (name == null || !OBJECT_NAME.matcher(name).matches()) {
            throw ApiException.badRequest("invalid object name: 1 to 128 of A-Z, a-z, 0-9, '.', '_' and '-', not starting with '.'");
        }
        return name;
    }

    /** A home bucket ({@code alice}) or an emergency bucket ({@code alice--hco-3f2a9c01be}). */
    public static String requireBucketName(String name) {
        if (name != null) {
            int mark = name.indexOf(EMERGENCY_BUCKET_MARK);
            String owner = mark < 0 ? name : name.substring(0, mark);
            String hco = mark < 0 ? null : name.substring(mark + EMERGENCY_BUCKET_MARK.length());
            if (isUsername(owner) && (hco == null || HCO_ID.matcher(hco).matches())) {
                return name;
            }
        }
        throw ApiException.badRequest("invalid bucket name");
    }

    /** The username that owns a valid bucket name. */
    public static String ownerOf(String bucketName) {
        int mark = bucketName.indexOf(EMERGENCY_BUCKET_MARK);
        return mark < 0 ? bucketName : bucketName.substring(0, mark);
    }

    public static String emergencyBucket(String username, String hcoId) {
        return username + EMERGENCY_BUCKET_MARK + hcoId;
    }
}
