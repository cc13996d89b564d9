package eu.sehr.cloud.infra.embedded;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

import org.postgresql.PGConnection;

/**
 * The embedded PostgreSQL's client authentication ({@code pg_hba.conf}): a password, checked with SCRAM-SHA-256,
 * for every connection, local socket and loopback TCP alike. These rules in a data dir also mark that its superuser
 * has the password they ask for.
 */
final class HostBasedAccess {

    static final String SCRAM = "scram-sha-256";
    static final String SUPERUSER = "postgres";
    private static final String FILE = "pg_hba.conf";
    static final String RULES = """
            # Written by S-EHR Cloud: a password (SCRAM-SHA-256) for every connection.
            # TYPE  DATABASE  USER  ADDRESS        METHOD
            local   all       all                  scram-sha-256
            host    all       all   127.0.0.1/32   scram-sha-256
            host    all       all   ::1/128        scram-sha-256
            """;

    private HostBasedAccess() {
    }

    static boolean isInPlace(Path dataDirectory) throws IOException {
        Path file = dataDirectory.resolve(FILE);
        return Files.exists(file) && Files.readString(file, StandardCharsets.UTF_8).equals(RULES);
    }

    /** Replaces the data dir's rules by these, in one step (a torn file would keep PostgreSQL from starting). */
    static void write(Path dataDirectory) throws IOException {
        Path written = Files.writeString(dataDirectory.resolve(FILE + ".new"), RULES, StandardCharsets.UTF_8);
        Files.move(written, dataDirectory.resolve(FILE), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Sets the superuser's password on a running server; it travels as a SCRAM verifier, never in clear. */
    static void setPassword(DataSource superuser, String password) throws SQLException {
        try (Connection connection = superuser.getConnection()) {
            connection.unwrap(PGConnection.class).alterUserPassword(SUPERUSER, password.toCharArray(), SCRAM);
        }
    }
}
