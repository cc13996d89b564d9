package eu.sehr.cloud.records;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import eu.sehr.cloud.support.Api;
import eu.sehr.cloud.support.Api.Citizen;
import eu.sehr.cloud.support.EventRows;
import eu.sehr.cloud.support.RunningService;
import eu.sehr.cloud.support.RunningService.Started;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Uploads and what they leave in storage: the exact bytes back, replacement, the content digest, the refusals (no
 * cloud consent, multipart, over the size limit, cut off by the client) that store nothing, and the removal of
 * everything stored when the account is deleted.
 */
class RecordUploadsEndToEndTest extends RecordsFixture {

    RecordUploadsEndToEndTest(Api api, Started started) {
        super(api, started);
    }

    // --- consent ------------------------------------------------------------------------------------------------

    @Test
    void should_record_an_upload_cut_off_by_its_client_as_a_400_and_store_nothing() throws IOException {
        Citizen citizen = api.newCitizen();
        api.signConsent(citizen.token(), "cloud").expect(200);
        try (Socket socket = new Socket("127.0.0.1", started.port())) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST /citizen/upload?objectName=CUT_OFF HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Authorization: Bearer " + citizen.token() + "\r\nContent-Type: application/octet-stream\r\n"
                    + "Content-Length: 1048576\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(new byte[64 * 1024]);
            out.flush();
        }

        EventRows events = new EventRows(started.service().stores().dataSource());
        String account = events.accountIdOf(citizen.username());
        JsonNode refused = await().atMost(Duration.ofSeconds(20)).until(() -> events.forAggregate(account).stream()
                .filter(row -> row.simpleType().equals("RequestRefused")).map(RecordsFixture::payload).findFirst(),
                Optional::isPresent).get();
        assertThat(refused.get("status").asInt()).isEqualTo(400);
        assertThat(refused.get("reason").asText()).contains("ended early");
        api.get("/citizen/" + citizen.username() + "/CUT_OFF", citizen.token()).expectError(404);
    }

    @Test
    void should_refuse_upload_and_download_without_the_cloud_consent_with_403() {
        Citizen citizen = api.newCitizen();

        upload(api, citizen, "PATIENT_SUMMARY", TEST_TYPE, bytes(1000, 1)).expectError(403);
        api.get("/citizen/" + citizen.username() + "/PATIENT_SUMMARY", citizen.token()).expectError(403);

        assertThat(objectsOf(api, citizen, citizen.username())).as("nothing was stored").isEmpty();
        signCloudConsent(api, citizen);
        upload(api, citizen, "PATIENT_SUMMARY", TEST_TYPE, bytes(1000, 1)).expect(201);
    }

    // --- upload and download ------------------------------------------------------------------------------------

    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(ints = {0, 5_000, 64 * MIB})
    void should_return_the_exact_bytes_uploaded(int size) {
        Citizen citizen = consentingCitizen(api);
        String sha256;
        {
            byte[] record = bytes(size, size + 17L);
            sha256 = sha256Hex(record);
            JsonNode uploaded = upload(api, citizen, "LABORATORY_RESULT", TEST_TYPE, record).expect(201).json();
            assertThat(uploaded.get("msg").asText()).isNotBlank();
            assertThat(uploaded.get("sha256").asText()).isEqualTo(sha256);
        }

        Api.Response download = api.get("/citizen/" + citizen.username() + "/LABORATORY_RESULT", citizen.token()).expect(200);

        assertThat(download.header("Content-Type")).startsWith("application/octet-stream");
        assertThat(download.header("Content-Length")).isEqualTo(Integer.toString(size));
        assertThat(download.header("ETag")).contains(sha256);
        assertThat(download.body().length).isEqualTo(size);
        byte[] expected = bytes(size, size + 17L);
        assertThat(Arrays.mismatch(expected, download.body())).as("first differing byte").isEqualTo(-1);
    }

    @Test
    void should_replace_a_record_uploaded_again_under_the_same_name() {
        Citizen citizen = consentingCitizen(api);
        byte[] first = bytes(3000, 1);
        byte[] second = bytes(2000, 2);

        upload(api, citizen, "PRESCRIPTION", TEST_TYPE, first).expect(201);
        upload(api, citizen, "PRESCRIPTION", "application/x-second", second).expect(201);

        assertThat(download(api, citizen, citizen.username(), "PRESCRIPTION").expect(200).body()).isEqualTo(second);
        JsonNode metadata = metadata(api, citizen, citizen.username(), "PRESCRIPTION").expect(200).json().get("metadata");
        assertThat(metadata.get("sha256").asText()).isEqualTo(sha256Hex(second));
        assertThat(metadata.get("size").asDouble()).isEqualTo(2000 / 1024.0);
        assertThat(metadata.get("type").asText()).isEqualTo("application/x-second");
        assertThat(objectsOf(api, citizen, citizen.username())).containsExactly("PRESCRIPTION");
    }

    @Test
    void should_store_a_record_whose_content_digest_matches() {
        Citizen citizen = consentingCitizen(api);
        byte[] record = bytes(4096, 3);

        JsonNode answer = uploadWith(citizen, "IMAGE_REPORT", TEST_TYPE, record, contentDigest(record)).expect(201).json();

        assertThat(answer.get("sha256").asText()).isEqualTo(sha256Hex(record));
        assertThat(download(api, citizen, citizen.username(), "IMAGE_REPORT").expect(200).body()).isEqualTo(record);
    }

    @Test
    void should_refuse_a_mismatching_content_digest_with_400_and_keep_the_previous_version() {
        Citizen citizen = consentingCitizen(api);
        byte[] previous = bytes(4096, 4);
        byte[] next = bytes(4096, 5);
        upload(api, citizen, "IMAGE_REPORT", TEST_TYPE, previous).expect(201);
        JsonNode before = metadata(api, citizen, citizen.username(), "IMAGE_REPORT").expect(200).json();

        uploadWith(citizen, "IMAGE_REPORT", "application/x-next", next, contentDigest(previous)).expectError(400);
        uploadWith(citizen, "NEVER_STORED", TEST_TYPE, next, contentDigest(previous)).expectError(400);
        uploadWith(citizen, "NEVER_STORED", TEST_TYPE, next, "sha-256=:not-base64!:").expectError(400);

        assertThat(download(api, citizen, citizen.username(), "IMAGE_REPORT").expect(200).body()).isEqualTo(previous);
        assertThat(metadata(api, citizen, citizen.username(), "IMAGE_REPORT").expect(200).json()).isEqualTo(before);
        assertThat(objectsOf(api, citizen, citizen.username())).containsExactly("IMAGE_REPORT");
        download(api, citizen, citizen.username(), "NEVER_STORED").expectError(404);
    }

    @Test
    void should_refuse_multipart_uploads_with_415() {
        Citizen citizen = consentingCitizen(api);
        byte[] body = ("--xyz\r\nContent-Disposition: form-data; name=\"file\"; filename=\"r\"\r\n\r\nrecord\r\n--xyz--\r\n")
                .getBytes(StandardCharsets.UTF_8);

        upload(api, citizen, "PATIENT_SUMMARY", "multipart/form-data; boundary=xyz", body).expectError(415);
        upload(api, citizen, "PATIENT_SUMMARY", "multipart/mixed; boundary=xyz", body).expectError(415);

        assertThat(objectsOf(api, citizen, citizen.username())).isEmpty();
    }

    // --- size limit ---------------------------------------------------------------------------------------------

    @Test
    void should_refuse_an_upload_over_the_limit_with_413_and_store_nothing() throws Exception {
        try (Started limited = Started.start(RunningService.tempDir(), Map.of("sehr.upload.max-bytes", "1024"))) {
            Api small = limited.api();
            Citizen citizen = consentingCitizen(small);

            upload(small, citizen, "PATIENT_SUMMARY", TEST_TYPE, bytes(2048, 18)).expectError(413);
            send(limited.api(), "POST", "/citizen/upload?objectName=STREAMED", citizen.token(), TEST_TYPE,
                    HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes(2048, 19))), Map.of())
                    .expectError(413);

            assertThat(objectsOf(small, citizen, citizen.username())).isEmpty();
            assertThat(storedKeys(limited, citizen.username() + "/")).isEmpty();

            upload(small, citizen, "AT_THE_LIMIT", TEST_TYPE, bytes(1024, 20)).expect(201);
            assertThat(objectsOf(small, citizen, citizen.username())).containsExactly("AT_THE_LIMIT");
            assertThat(storedKeys(limited, citizen.username() + "/")).containsExactly(citizen.username() + "/AT_THE_LIMIT");
        }
    }

    // --- account deletion ---------------------------------------------------------------------------------------

    @Test
    void should_remove_every_object_and_consent_from_storage_when_the_account_is_deleted() throws Exception {
        Citizen citizen = consentingCitizen(api);
        String account = new EventRows(started.service().stores().dataSource()).accountIdOf(citizen.username());
        upload(api, citizen, "PATIENT_SUMMARY", TEST_TYPE, bytes(1000, 21)).expect(201);
        upload(api, citizen, "LABORATORY_RESULT", TEST_TYPE, bytes(2000, 22)).expect(201);
        assertThat(storedKeys(started, citizen.username() + "/")).hasSize(2);
        assertThat(storedKeys(started, "_consents/" + account + "/")).as("the signed consent is kept").isNotEmpty();

        api.delete("/citizen/account", citizen.token()).expect(200);

        assertThat(storedKeys(started, citizen.username() + "/")).isEmpty();
        assertThat(storedKeys(started, "_consents/" + account + "/")).isEmpty();
        api.register(citizen.username(), citizen.password()).expect(201);
        Citizen again = new Citizen(citizen.username(), citizen.password(),
                api.login(citizen.username(), citizen.password()).expect(200).json().get("token").asText());
        assertThat(objectsOf(api, again, again.username())).as("a new, empty account").isEmpty();
        upload(api, again, "PATIENT_SUMMARY", TEST_TYPE, bytes(10, 23)).expectError(403);
    }
}
