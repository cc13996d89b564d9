package eu.sehr.cloud.transparency.log;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** The random salt of each leaf: 16 bytes from a secure random source, as 32 lowercase hex characters. */
public final class LeafSalts {

    /** The event metadata key the salt is stored under (with the event, so the leaf can be recomputed from it). */
    public static final String META_DATA_KEY = "leafSalt";

    private static final Pattern SALT = Pattern.compile("[0-9a-f]{32}");

    private final SecureRandom random;

    public LeafSalts(SecureRandom random) {
        this.random = random;
    }

    public String next() {
        byte[] salt = new byte[16];
        random.nextBytes(salt);
        return HexFormat.of().formatHex(salt);
    }

    public static boolean isSalt(Object value) {
        return value instanceof String text && SALT.matcher(text).matches();
    }
}
