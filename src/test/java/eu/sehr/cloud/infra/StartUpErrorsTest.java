package eu.sehr.cloud.infra;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import com.sun.net.httpserver.HttpServer;
import eu.sehr.cloud.support.FreePorts;
import eu.sehr.cloud.support.RunningService;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A start that cannot succeed says in one line which store, URL, setting or file is wrong, and checks settings first. */
class StartUpErrorsTest {

    private final Path dataDir = RunningService.tempDir();

    @Test
    void should_name_the_object_storage_url_when_its_connection_is_refused() {
        String endpoint = "http://127.0.0.1:" + FreePorts.take();
        assertThatThrownBy(() -> start(Map.of("sehr.s3.endpoint", endpoint, "sehr.s3.access-key", "k", "sehr.s3.secret-key", "s")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("object storage at " + endpoint + " (sehr.s3.endpoint): connection refused (is it running, on "
                        + "that host and port?)");
    }

    @Test
    void should_name_an_unknown_object_storage_host() {
        assertThatThrownBy(() -> start(Map.of("sehr.s3.endpoint", "http://no-such-host.invalid:9000",
                "sehr.s3.access-key", "k", "sehr.s3.secret-key", "s")))
                .hasMessageStartingWith("object storage at http://no-such-host.invalid:9000 (sehr.s3.endpoint): unknown host");
    }

    @Test
    void should_say_that_a_server_answering_html_is_not_s3_without_its_body() throws IOException {
        HttpServer html = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        html.createContext("/", exchange -> {
            byte[] page = "<html>\n<body>\n<h1>It works</h1>\n</body>\n</html>\n".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/html");
            if (exchange.getRequestMethod().equals("HEAD")) {
                exchange.sendResponseHeaders(200, -1);
            } else {
                exchange.sendResponseHeaders(200, page.length);
                exchange.getResponseBody().write(page);
            }
            exchange.close();
        });
        html.start();
        try {
            String endpoint = "http://127.0.0.1:" + html.getAddress().getPort();
            assertThatThrownBy(() -> start(Map.of("sehr.s3.endpoint", endpoint, "sehr.s3.access-key", "k", "sehr.s3.secret-key", "s")))
                    .hasMessageStartingWith("object storage at " + endpoint + " (sehr.s3.endpoint): the server that answered "
                            + "is not an S3 server (")
                    .hasMessageNotContaining("<html>")
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        } finally {
            html.stop(0);
        }
    }

    @Test
    void should_name_the_postgres_url_without_its_password_when_the_event_store_refuses_the_connection() {
        String url = "jdbc:postgresql://127.0.0.1:" + FreePorts.take() + "/sehr";
        assertThatThrownBy(() -> start(Map.of("sehr.postgres.url", url + "?password=secret", "sehr.postgres.user", "sehr")))
                .hasMessage("the event store (PostgreSQL) at " + url + " (sehr.postgres.url): connection refused (is it "
                        + "running, on that host and port?)");
    }

    @Test
    void should_refuse_a_trust_anchor_that_is_not_pem_before_any_store_starts() throws IOException {
        Path readme = Files.writeString(dataDir.resolve("README.md"), "# not a certificate\n");
        assertThatThrownBy(() -> start(Map.of("sehr.hco.trust-anchors", readme.toString())))
                .hasMessageContaining("sehr.hco.trust-anchors: " + readme + " is not a PEM or DER file");
        assertThat(dataDir.resolve("postgres")).doesNotExist();
    }

    @Test
    void should_name_a_missing_tls_file_with_its_path_before_any_store_starts() {
        Path missing = dataDir.resolve("no-such-cert.pem");
        assertThatThrownBy(() -> start(Map.of("sehr.tls.cert-file", missing.toString(),
                "sehr.tls.key-file", dataDir.resolve("key.pem").toString())))
                .hasMessageContaining(missing.toString());
        assertThat(dataDir.resolve("postgres")).doesNotExist();
    }

    @Test
    void should_check_every_setting_before_any_store_starts() {
        assertThatThrownBy(() -> start(Map.of("sehr.hco.token-ttl", "an hour")))
                .hasMessageContaining("sehr.hco.token-ttl");
        assertThatThrownBy(() -> start(Map.of("sehr.s3.endpoint", "minio:9000", "sehr.s3.access-key", "k", "sehr.s3.secret-key", "s")))
                .hasMessageContaining("sehr.s3.endpoint is not an http(s) URL");
        assertThatThrownBy(() -> start(Map.of("sehr.mongodb.uri", "mongo://user:secret@host")))
                .hasMessageContaining("sehr.mongodb.uri").hasMessageNotContaining("secret");
        assertThatThrownBy(() -> start(Map.of("sehr.postgres.url", "postgres://host/db")))
                .hasMessageContaining("sehr.postgres.url is not a PostgreSQL JDBC URL");
        assertThat(dataDir.resolve("postgres")).doesNotExist();
    }

    @Test
    void should_refuse_an_unknown_log_format_since_its_logs_would_be_lost() {
        Settings settings = Settings.load().with(Map.of("sehr.data-dir", dataDir.toString(), "sehr.port", "0"));
        assertThatThrownBy(() -> SettingsCheck.check(settings, Map.of("SEHR_LOG_FORMAT", "XML")))
                .hasMessageContaining("SEHR_LOG_FORMAT must be TEXT or JSON");
    }

    private void start(Map<String, String> extra) {
        Map<String, String> settings = new HashMap<>(extra);
        settings.put("sehr.data-dir", dataDir.toString());
        settings.put("sehr.port", "0");
        settings.put("sehr.host", "127.0.0.1");
        Service.start(Settings.load().with(settings)).close();
    }

}
