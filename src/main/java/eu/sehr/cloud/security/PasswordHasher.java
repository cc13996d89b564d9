package eu.sehr.cloud.security;

import com.password4j.Argon2Function;
import com.password4j.Password;
import com.password4j.types.Argon2;

/**
 * Argon2id password hashing (password4j), with OWASP's parameters: 19 MiB of memory, 2 iterations, 1 lane.
 * The parameters and salt travel inside the PHC string, so hashes made with older parameters still verify.
 */
public final class PasswordHasher {

    private static final int MEMORY_KIB = 19 * 1024;
    private static final int ITERATIONS = 2;
    private static final int PARALLELISM = 1;
    private static final int HASH_BYTES = 32;
    private static final int SALT_BYTES = 16;

    private final Argon2Function argon2 = Argon2Function.getInstance(MEMORY_KIB, ITERATIONS, PARALLELISM, HASH_BYTES, Argon2.ID);
    private final String decoy = hash("a decoy that makes unknown usernames cost the same time");

    public String hash(String password) {
        return Password.hash(password).addRandomSalt(SALT_BYTES).with(argon2).getResult();
    }

    public boolean matches(String password, String hash) {
        if (hash == null || !hash.startsWith("$argon2id$")) {
            return false;
        }
        return Password.check(password, hash).with(Argon2Function.getInstanceFromHash(hash));
    }

    /** Spends the time of a real check, so that a login for an unknown username cannot be told apart by timing. */
    public void spendCheckTime(String password) {
        matches(password, decoy);
    }
}
