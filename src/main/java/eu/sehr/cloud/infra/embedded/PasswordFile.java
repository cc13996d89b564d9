package eu.sehr.cloud.infra.embedded;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;

import eu.sehr.cloud.infra.ConfigurationException;

/**
 * A generated password kept in a file that only its owner may read or write (mode 0600): created with those
 * permissions before the password is written, and held to them at every load.
 */
final class PasswordFile {

    static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final int RANDOM_BYTES = 32;

    private PasswordFile() {
    }

    /** The password in {@code file}, generated and written first when the file does not exist. */
    static String loadOrCreate(Path file) throws IOException {
        if (!Files.exists(file)) {
            try {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
                byte[] random = new byte[RANDOM_BYTES];
                new SecureRandom().nextBytes(random);
                Files.writeString(file, Base64.getUrlEncoder().withoutPadding().encodeToString(random),
                        StandardCharsets.US_ASCII, StandardOpenOption.TRUNCATE_EXISTING);
            } catch (FileAlreadyExistsException created) {
                // created meanwhile by another start on this data dir: read that one
            }
        }
        Files.setPosixFilePermissions(file, OWNER_ONLY);
        String password = Files.readString(file, StandardCharsets.US_ASCII).strip();
        if (password.isEmpty()) {
            throw new ConfigurationException("the password file " + file + " is empty");
        }
        return password;
    }
}
