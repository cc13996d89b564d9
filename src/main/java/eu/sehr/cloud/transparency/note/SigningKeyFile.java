package eu.sehr.cloud.transparency.note;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Set;

/**
 * Keeps a service's signing key in a file only its owner can read, in the {@link SignerKey} text format,
 * creating it on first start: so a log or a witness keeps its identity across restarts without an operator
 * step, and refuses to run with a key file others could have read or swapped (group read is allowed: a Kubernetes
 * secret mount).
 */
public final class SigningKeyFile {

    /** Nobody but the owner writes it, and nobody outside its group reads it (a Kubernetes secret mount is 0440). */
    private static final Set<PosixFilePermission> FORBIDDEN = Set.of(PosixFilePermission.GROUP_WRITE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    private final SecureRandom random;

    public SigningKeyFile(SecureRandom random) {
        this.random = random;
    }

    /**
     * Returns the key stored in {@code file}, or generates one named {@code keyName} and stores it there.
     *
     * @throws IOException if the file cannot be read or written, is readable or writable by anyone but its owner,
     *                     or holds a key of another name
     */
    public SignerKey loadOrGenerate(Path file, String keyName) throws IOException {
        KeyNames.requireValid(keyName);
        if (Files.notExists(file)) {
            AtomicFiles.write(file, (SignerKey.generate(keyName, random).encoded() + "\n").getBytes(StandardCharsets.UTF_8));
        }
        Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
        if (permissions.stream().anyMatch(FORBIDDEN::contains)) {
            throw new IOException("signing key file " + file + " must be written by its owner only and read by no one "
                    + "outside its group (0600, or 0440 as a secret mount), is " + PosixFilePermissions.toString(permissions));
        }
        SignerKey key;
        try {
            key = SignerKey.parse(Files.readString(file, StandardCharsets.UTF_8).strip());
        } catch (NoteFormatException e) {
            throw new IOException("signing key file " + file + " does not hold a signing key: " + e.getMessage(), e);
        }
        if (!key.name().equals(keyName)) {
            throw new IOException("signing key file " + file + " holds the key of " + key.name() + ", not " + keyName);
        }
        return key;
    }
}
