package eu.sehr.cloud.operations;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.TrustManagerFactory;

import eu.sehr.cloud.emergency.trust.CertifiedKey;
import eu.sehr.cloud.emergency.trust.DevCertificates;
import eu.sehr.cloud.security.PemFiles;
import eu.sehr.cloud.support.RunningService;
import eu.sehr.cloud.support.RunningService.Started;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TlsEndToEndTest {

    @Test
    void should_speak_https_with_tls_1_3_only_and_the_configured_certificate_and_refuse_plain_http() throws Exception {
        Path dir = RunningService.tempDir();
        DevCertificates certificates = new DevCertificates(Clock.systemUTC());
        CertifiedKey ca = certificates.certificateAuthority("Test TLS CA");
        CertifiedKey server = certificates.tlsServer("localhost", ca);
        Path cert = dir.resolve("server.pem");
        Path key = dir.resolve("server-key.pem");
        PemFiles.writeCertificates(cert, List.of(server.certificate(), ca.certificate()));
        PemFiles.writePrivateKey(key, server.privateKey());

        try (Started started = Started.start(dir, Map.of("sehr.tls.cert-file", cert.toString(), "sehr.tls.key-file", key.toString()))) {
            HttpsURLConnection https = (HttpsURLConnection) URI.create("https://127.0.0.1:" + started.port() + "/health/live")
                    .toURL().openConnection();
            https.setSSLSocketFactory(trusting(ca).getSocketFactory());
            https.setHostnameVerifier((host, session) -> "127.0.0.1".equals(host));
            assertThat(https.getResponseCode()).isEqualTo(200);
            assertThat(new String(https.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).contains("UP");
            assertThat(https.getHeaderField("Server")).isNull();
            assertThat(https.getCipherSuite()).startsWith("TLS_");
            assertThat(https.getHeaderField("Strict-Transport-Security")).startsWith("max-age=");

            HttpsURLConnection tls12 = (HttpsURLConnection) URI.create("https://127.0.0.1:" + started.port() + "/health/live")
                    .toURL().openConnection();
            tls12.setSSLSocketFactory(trusting(ca, "TLSv1.2").getSocketFactory());
            tls12.setHostnameVerifier((host, session) -> "127.0.0.1".equals(host));
            assertThatThrownBy(tls12::getResponseCode).as("TLS 1.2 is refused").isInstanceOf(IOException.class);

            assertThatThrownBy(() -> HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + started.port() + "/health/live")).build(),
                    HttpResponse.BodyHandlers.ofString())).isInstanceOf(IOException.class);
        }
    }

    private static SSLContext trusting(CertifiedKey ca) throws Exception {
        return trusting(ca, "TLS");
    }

    private static SSLContext trusting(CertifiedKey ca, String protocol) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", ca.certificate());
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trust);
        SSLContext context = SSLContext.getInstance(protocol);
        context.init(null, factory.getTrustManagers(), null);
        return context;
    }

}
