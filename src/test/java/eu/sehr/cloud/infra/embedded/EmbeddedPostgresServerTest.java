package eu.sehr.cloud.infra.embedded;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

import eu.sehr.cloud.support.RunningService;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The embedded PostgreSQL asks every connection for the password kept in the data dir, from the first start on. */
@Timeout(120)
class EmbeddedPostgresServerTest {

    @Test
    void should_refuse_connections_without_the_password_or_with_a_wrong_one() throws Exception {
        Path dir = RunningService.tempDir().resolve("postgres");
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(dir)) {
            assertRefused(server.jdbcUrl(), null);
            assertRefused(server.jdbcUrl(), "not-the-password");
            assertConnects(server.jdbcUrl(), Files.readString(EmbeddedPostgresServer.passwordFile(dir)));
        }
    }

    @Test
    void should_keep_the_password_file_owner_only_and_the_data_dir_private() throws Exception {
        Path dir = RunningService.tempDir().resolve("postgres");
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(dir)) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(EmbeddedPostgresServer.passwordFile(dir))))
                    .isEqualTo("rw-------");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir))).isEqualTo("rwx------");
            assertThat(Files.readString(EmbeddedPostgresServer.passwordFile(dir))).isEqualTo(server.password()).hasSizeGreaterThan(40);
        }
    }

    @Test
    void should_start_again_on_the_same_data_dir_with_the_kept_password() throws Exception {
        Path dir = RunningService.tempDir().resolve("postgres");
        String password;
        try (EmbeddedPostgresServer first = EmbeddedPostgresServer.start(dir)) {
            password = first.password();
        }
        try (EmbeddedPostgresServer second = EmbeddedPostgresServer.start(dir)) {
            assertThat(second.password()).isEqualTo(password);
            assertConnects(second.jdbcUrl(), password);
            assertRefused(second.jdbcUrl(), null);
        }
    }

    @Test
    void should_require_the_password_on_a_data_dir_made_when_every_local_user_was_trusted() throws Exception {
        Path dir = RunningService.tempDir().resolve("postgres");
        // what the previous version made: zonky's initdb with trust, no password
        EmbeddedPostgres.builder().setDataDirectory(dir).setCleanDataDirectory(false).setRegisterShutdownHook(false)
                .setServerConfig("listen_addresses", "127.0.0.1").start().close();
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(dir)) {
            assertRefused(server.jdbcUrl(), null);
            assertConnects(server.jdbcUrl(), server.password());
        }
    }

    @Test
    void should_refuse_to_start_a_password_protected_data_dir_whose_password_file_is_gone() throws Exception {
        Path dir = RunningService.tempDir().resolve("postgres");
        EmbeddedPostgresServer.start(dir).close();
        Files.delete(EmbeddedPostgresServer.passwordFile(dir));
        assertThatThrownBy(() -> EmbeddedPostgresServer.start(dir)).hasMessageContaining("password file");
    }

    private static void assertRefused(String url, String password) {
        assertThatThrownBy(() -> connect(url, password).close())
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("password");
    }

    private static void assertConnects(String url, String password) throws SQLException {
        try (Connection connection = connect(url, password)) {
            assertThat(connection.isValid(2)).isTrue();
        }
    }

    private static Connection connect(String url, String password) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", "postgres");
        if (password != null) {
            properties.setProperty("password", password);
        }
        return DriverManager.getConnection(url, properties);
    }
}
