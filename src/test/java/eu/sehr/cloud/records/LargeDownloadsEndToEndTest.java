package eu.sehr.cloud.records;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import eu.sehr.cloud.infra.embedded.EmbeddedObjectStorage;
import eu.sehr.cloud.storage.CuttingProxy;
import eu.sehr.cloud.support.Api;
import eu.sehr.cloud.support.Api.Citizen;
import eu.sehr.cloud.support.RunningService;
import eu.sehr.cloud.support.RunningService.Started;
import eu.sehr.cloud.transparency.receipt.AuditReceipts;
import io.minio.PutObjectArgs;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Large downloads relayed from object storage (a real S3Proxy behind a relay that can cut its connections): the exact
 * bytes with their headers and receipt, and a client connection reset, never a short body that looks whole, when
 * storage fails mid-body or holds fewer bytes than the catalogue says.
 */
class LargeDownloadsEndToEndTest {

    private static final int MIB = 1024 * 1024;
    private static EmbeddedObjectStorage s3;
    private static CuttingProxy proxy;
    private static Started service;
    private static Api api;

    @BeforeAll
    static void start() throws Exception {
        Path dir = RunningService.tempDir();
        s3 = EmbeddedObjectStorage.start(dir.resolve("s3"));
        proxy = new CuttingProxy(URI.create(s3.endpoint()).getPort());
        service = Started.start(dir, Map.of("sehr.s3.endpoint", proxy.url(),
                "sehr.s3.access-key", s3.accessKey(), "sehr.s3.secret-key", s3.secretKey()));
        api = service.api();
    }

    @AfterAll
    static void stop() throws Exception {
        service.close();
        proxy.close();
        s3.close();
    }

    @Test
    void should_send_a_20_mib_record_byte_for_byte_with_its_digests_and_receipt() {
        Citizen citizen = RecordsFixture.consentingCitizen(api);
        byte[] record = RecordsFixture.bytes(20 * MIB, 20);
        api.upload("/citizen/upload", citizen.token(), "LARGE", record).expect(201);

        Api.Response download = RecordsFixture.download(api, citizen, citizen.username(), "LARGE").expect(200);

        assertThat(download.body()).isEqualTo(record);
        assertThat(download.header("Content-Length")).isEqualTo(Integer.toString(record.length));
        assertThat(download.header("ETag")).isEqualTo("\"" + RecordsFixture.sha256Hex(record) + "\"");
        assertThat(download.header("Content-Digest")).isEqualTo(RecordsFixture.contentDigest(record));
        assertThat(download.header(AuditReceipts.HEADER)).as("the download's event has its receipt").isNotBlank();
    }

    @Test
    void should_reset_the_client_connection_when_storage_fails_mid_body() throws Exception {
        Citizen citizen = RecordsFixture.consentingCitizen(api);
        byte[] record = RecordsFixture.bytes(24 * MIB, 24);
        api.upload("/citizen/upload", citizen.token(), "CUT", record).expect(201);

        try (Socket client = get(citizen, "CUT")) {
            InputStream in = client.getInputStream();
            assertThat(in.readNBytes(MIB)).hasSize(MIB);
            proxy.cutAll();

            Transfer rest = readToEnd(in);
            assertThat(rest.closed()).as("the server closed the connection").isTrue();
            assertThat(MIB + rest.bytes()).as("fewer bytes than the head and the record").isLessThan(record.length);
        }
        assertThat(RecordsFixture.download(api, citizen, citizen.username(), "CUT").expect(200).body()).isEqualTo(record);
    }

    @Test
    void should_reset_the_client_connection_when_storage_holds_fewer_bytes_than_the_record() throws Exception {
        Citizen citizen = RecordsFixture.consentingCitizen(api);
        byte[] record = RecordsFixture.bytes(2 * MIB, 2);
        api.upload("/citizen/upload", citizen.token(), "SHORT", record).expect(201);
        List<String> keys = RecordsFixture.storedKeys(service, "");
        String key = keys.stream().filter(k -> k.contains("SHORT")).findFirst().orElseThrow();
        byte[] shorter = new byte[MIB];
        service.service().stores().minio().putObject(PutObjectArgs.builder().bucket(service.service().stores().bucket())
                .object(key).stream(new ByteArrayInputStream(shorter), shorter.length, -1).build());

        try (Socket client = get(citizen, "SHORT")) {
            Transfer answer = readToEnd(client.getInputStream());
            assertThat(answer.closed()).as("the server closed the connection").isTrue();
            assertThat(answer.head()).startsWith("HTTP/1.1 200").contains("content-length: " + record.length);
            assertThat(answer.bytes() - answer.head().length()).isLessThan(record.length);
        }
    }

    private static Socket get(Citizen citizen, String object) throws IOException {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), service.port());
        socket.setSoTimeout(20_000);
        socket.getOutputStream().write(("GET /citizen/" + citizen.username() + "/" + object + " HTTP/1.1\r\nHost: localhost\r\n"
                + "Authorization: Bearer " + citizen.token() + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        return socket;
    }

    /** What a client read until the server closed the connection ({@code closed}) or 20 s passed without a byte. */
    private record Transfer(long bytes, String head, boolean closed) {
    }

    private static Transfer readToEnd(InputStream in) {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        long total = 0;
        byte[] buffer = new byte[64 * 1024];
        try {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                if (head.size() < 1024) {
                    head.write(buffer, 0, Math.min(n, 1024 - head.size()));
                }
                total += n;
            }
            return new Transfer(total, headOf(head), true);
        } catch (SocketTimeoutException e) {
            return new Transfer(total, headOf(head), false);
        } catch (IOException e) {
            return new Transfer(total, headOf(head), true); // reset
        }
    }

    private static String headOf(ByteArrayOutputStream start) {
        String text = start.toString(StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        return end < 0 ? text : text.substring(0, end + 4).toLowerCase().replace("http/1.1", "HTTP/1.1");
    }
}
