package eu.sehr.cloud.records;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import eu.sehr.cloud.support.Api;
import eu.sehr.cloud.support.Api.Citizen;
import eu.sehr.cloud.support.EventRows;
import eu.sehr.cloud.support.RunningService;
import eu.sehr.cloud.support.RunningService.Started;
import io.minio.ListObjectsArgs;
import io.minio.Result;
import io.minio.messages.Item;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@ExtendWith(RunningService.class)
class RecordsEndToEndTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MIB = 1024 * 1024;
    private static final String TEST_TYPE = "application/x-test";

    private final Api api;
    private final Started started;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    RecordsEndToEndTest(Api api, Started started) {
        this.api = api;
        this.started = started;
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
                .filter(row -> row.simpleType().equals("RequestRefused")).map(RecordsEndToEndTest::payload).findFirst(),
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

    // --- listings and metadata ----------------------------------------------------------------------------------

    @Test
    void should_list_the_home_bucket() {
        Citizen citizen = api.newCitizen();

        JsonNode answer = api.get("/citizen/buckets", citizen.token()).expect(200).json();

        assertThat(fieldNames(answer)).containsExactly("buckets");
        assertThat(texts(answer.get("buckets"))).containsExactly(citizen.username());
    }

    @Test
    void should_list_the_objects_of_a_bucket_sorted_and_an_empty_bucket_as_empty() {
        Citizen citizen = consentingCitizen(api);

        JsonNode empty = api.get("/citizen/buckets/" + citizen.username(), citizen.token()).expect(200).json();
        assertThat(empty.get("bucket").asText()).isEqualTo(citizen.username());
        assertThat(empty.get("objects").isArray()).isTrue();
        assertThat(empty.get("objects")).as("the signed consent is not an object").isEmpty();

        upload(api, citizen, "b", TEST_TYPE, bytes(10, 6)).expect(201);
        upload(api, citizen, "a", TEST_TYPE, bytes(10, 7)).expect(201);

        JsonNode listed = api.get("/citizen/buckets/" + citizen.username(), citizen.token()).expect(200).json();
        assertThat(fieldNames(listed)).containsExactlyInAnyOrder("bucket", "objects");
        assertThat(listed.get("bucket").asText()).isEqualTo(citizen.username());
        assertThat(texts(listed.get("objects"))).containsExactly("a", "b");
    }

    @Test
    void should_answer_metadata_in_the_contract_shape() {
        Citizen citizen = consentingCitizen(api);
        byte[] record = bytes(3000, 8);
        Instant before = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        upload(api, citizen, "PATIENT_SUMMARY", TEST_TYPE, record).expect(201);
        Instant after = Instant.now();

        Api.Response response = metadata(api, citizen, citizen.username(), "PATIENT_SUMMARY").expect(200);

        assertThat(response.header("Content-Type")).startsWith("application/json");
        JsonNode answer = response.json();
        assertThat(fieldNames(answer)).containsExactlyInAnyOrder("object", "metadata");
        assertThat(answer.get("object").asText()).isEqualTo("PATIENT_SUMMARY");
        JsonNode metadata = answer.get("metadata");
        assertThat(fieldNames(metadata)).containsExactlyInAnyOrder("objectName", "bucketName", "size", "type", "dateAdded", "sha256",
                "emergencyVisible");
        assertThat(metadata.get("objectName").asText()).isEqualTo("PATIENT_SUMMARY");
        assertThat(metadata.get("bucketName").asText()).isEqualTo(citizen.username());
        assertThat(metadata.get("size").isNumber()).as("size is a JSON number").isTrue();
        assertThat(metadata.get("size").asDouble()).isEqualTo(3000 / 1024.0);
        assertThat(metadata.get("type").asText()).isEqualTo(TEST_TYPE);
        assertThat(metadata.get("sha256").asText()).isEqualTo(sha256Hex(record));
        String dateAdded = metadata.get("dateAdded").asText();
        assertThat(dateAdded).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z");
        assertThat(Instant.parse(dateAdded)).isBetween(before, after);
    }

    // --- names --------------------------------------------------------------------------------------------------

    static List<String> invalidObjectNameQueries() {
        return List.of("", "?objectName=", "?objectName=.hidden", "?objectName=a%20b", "?objectName=..",
                "?objectName=a%2Fb", "?objectName=%C3%A9", "?objectName=" + "x".repeat(129));
    }

    @ParameterizedTest
    @MethodSource("invalidObjectNameQueries")
    void should_refuse_uploads_with_an_invalid_object_name_with_400(String query) {
        Citizen citizen = consentingCitizen(api);

        api.send("POST", "/citizen/upload" + query, citizen.token(), TEST_TYPE, bytes(10, 9)).expectError(400);

        assertThat(objectsOf(api, citizen, citizen.username())).isEmpty();
    }

    @Test
    void should_accept_object_names_of_1_to_128_characters() {
        Citizen citizen = consentingCitizen(api);
        String longest = "L" + "x".repeat(126) + "-";

        upload(api, citizen, "1", TEST_TYPE, bytes(10, 10)).expect(201);
        upload(api, citizen, longest, TEST_TYPE, bytes(10, 11)).expect(201);
        upload(api, citizen, longest + "x", TEST_TYPE, bytes(10, 12)).expectError(400);
        upload(api, citizen, "A.b_c-9", TEST_TYPE, bytes(10, 13)).expect(201);

        assertThat(objectsOf(api, citizen, citizen.username())).containsExactlyInAnyOrder("1", longest, "A.b_c-9");
        assertThat(download(api, citizen, citizen.username(), longest).expect(200).body()).isEqualTo(bytes(10, 11));
    }

    static List<String> invalidObjectNamesInPaths() {
        return List.of(".hidden", "a%20b", "a%2Fb", "%C3%A9", "x".repeat(129));
    }

    @ParameterizedTest
    @MethodSource("invalidObjectNamesInPaths")
    void should_refuse_reading_an_invalid_object_name_with_400(String object) {
        Citizen citizen = consentingCitizen(api);

        metadata(api, citizen, citizen.username(), object).expectError(400);
        download(api, citizen, citizen.username(), object).expectError(400);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Upper", "a%2Fb", "ab", "a%20bc", "abc--hco-zzzzzzzzzz", "abc--hco-", "%C3%A9tienne"})
    void should_refuse_invalid_bucket_names_with_400(String bucket) {
        Citizen citizen = consentingCitizen(api);

        api.get("/citizen/buckets/" + bucket, citizen.token()).expectError(400);
        metadata(api, citizen, bucket, "PATIENT_SUMMARY").expectError(400);
        download(api, citizen, bucket, "PATIENT_SUMMARY").expectError(400);
    }

    /**
     * A {@code ..} path segment never reaches a route as a bucket name: the HTTP layer removes dot segments
     * (RFC 3986) before routing, so {@code /citizen/buckets/..} is {@code /citizen/}. Whatever answers, it is a
     * refusal in the contract's error body, and dot segments never lead into another citizen's bucket.
     */
    @Test
    void should_refuse_dot_dot_bucket_names_and_never_traverse_into_another_bucket() {
        Citizen owner = consentingCitizen(api);
        upload(api, owner, "PATIENT_SUMMARY", TEST_TYPE, bytes(100, 14)).expect(201);
        Citizen other = consentingCitizen(api);

        assertRefusedAs400or404(api.get("/citizen/buckets/..", other.token()));
        assertRefusedAs400or404(api.get("/citizen/buckets/%2E%2E", other.token()));
        assertRefusedAs400or404(metadata(api, other, "..", "PATIENT_SUMMARY"));
        api.get("/citizen/buckets/" + other.username() + "/../" + owner.username(), other.token()).expectError(403);
        download(api, other, other.username() + "/../" + owner.username(), "PATIENT_SUMMARY").expectError(403);
        metadata(api, other, other.username() + "/../" + owner.username(), "PATIENT_SUMMARY").expectError(403);
    }

    // --- ownership ----------------------------------------------------------------------------------------------

    @Test
    void should_refuse_another_citizens_bucket_with_403_whether_or_not_the_object_exists() {
        String base = "c" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        Citizen ann = consentingCitizen(api, base);
        Citizen anna = consentingCitizen(api, base + "a");
        upload(api, ann, "PATIENT_SUMMARY", TEST_TYPE, bytes(100, 15)).expect(201);
        upload(api, anna, "PATIENT_SUMMARY", TEST_TYPE, bytes(100, 16)).expect(201);

        for (Citizen[] pair : new Citizen[][]{{ann, anna}, {anna, ann}}) {
            Citizen caller = pair[0];
            String foreign = pair[1].username();
            api.get("/citizen/buckets/" + foreign, caller.token()).expectError(403);
            metadata(api, caller, foreign, "PATIENT_SUMMARY").expectError(403);
            download(api, caller, foreign, "PATIENT_SUMMARY").expectError(403);
            metadata(api, caller, foreign, "NO_SUCH_RECORD").expectError(403);
            download(api, caller, foreign, "NO_SUCH_RECORD").expectError(403);
            assertThat(texts(api.get("/citizen/buckets", caller.token()).expect(200).json().get("buckets")))
                    .containsExactly(caller.username());
        }
        String nobody = base + "-nobody";
        api.get("/citizen/buckets/" + nobody, ann.token()).expectError(403);
        download(api, ann, nobody, "PATIENT_SUMMARY").expectError(403);

        assertThat(download(api, ann, ann.username(), "PATIENT_SUMMARY").expect(200).body()).isEqualTo(bytes(100, 15));
        assertThat(download(api, anna, anna.username(), "PATIENT_SUMMARY").expect(200).body()).isEqualTo(bytes(100, 16));
    }

    @Test
    void should_answer_404_for_a_missing_object_in_the_own_bucket() {
        Citizen citizen = consentingCitizen(api);
        upload(api, citizen, "PATIENT_SUMMARY", TEST_TYPE, bytes(100, 17)).expect(201);

        metadata(api, citizen, citizen.username(), "LABORATORY_RESULT").expectError(404);
        download(api, citizen, citizen.username(), "LABORATORY_RESULT").expectError(404);
    }

    @Test
    void should_answer_404_for_an_own_emergency_bucket_that_does_not_exist() {
        Citizen citizen = consentingCitizen(api);
        String emergencyBucket = citizen.username() + "--hco-0123456789";

        api.get("/citizen/buckets/" + emergencyBucket, citizen.token()).expectError(404);
        metadata(api, citizen, emergencyBucket, "PATIENT_SUMMARY").expectError(404);
        download(api, citizen, emergencyBucket, "PATIENT_SUMMARY").expectError(404);
        assertThat(texts(api.get("/citizen/buckets", citizen.token()).expect(200).json().get("buckets")))
                .containsExactly(citizen.username());
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

    // --- events -------------------------------------------------------------------------------------------------

    @Test
    void should_record_every_access_as_an_event_without_the_record_bytes() {
        Citizen citizen = consentingCitizen(api);
        String secret = "SECRET-RECORD-CONTENT-" + UUID.randomUUID();
        byte[] record = secret.getBytes(StandardCharsets.US_ASCII);

        upload(api, citizen, "PATIENT_SUMMARY", "text/plain", record).expect(201);
        download(api, citizen, citizen.username(), "PATIENT_SUMMARY").expect(200);
        api.get("/citizen/buckets", citizen.token()).expect(200);
        api.get("/citizen/buckets/" + citizen.username(), citizen.token()).expect(200);
        String metadata = metadata(api, citizen, citizen.username(), "PATIENT_SUMMARY").expect(200).text();

        EventRows events = new EventRows(started.service().stores().dataSource());
        List<EventRows.Row> stream = events.forAggregate(events.accountIdOf(citizen.username()));
        assertThat(stream).extracting(EventRows.Row::simpleType).containsSubsequence("ConsentGranted",
                "HealthRecordUploaded", "HealthRecordDownloaded", "BucketsListed", "BucketListed", "HealthRecordMetadataRead");
        JsonNode uploaded = payload(only(stream, "HealthRecordUploaded"));
        assertThat(uploaded.get("bytes").asLong()).isEqualTo(record.length);
        assertThat(uploaded.get("sha256").asText()).isEqualTo(sha256Hex(record));
        JsonNode downloaded = payload(only(stream, "HealthRecordDownloaded"));
        assertThat(downloaded.get("object").asText()).isEqualTo("PATIENT_SUMMARY");
        assertThat(downloaded.get("sha256").asText()).isEqualTo(sha256Hex(record));

        String base64 = Base64.getEncoder().encodeToString(record);
        assertThat(metadata).doesNotContain("SECRET-RECORD-CONTENT").doesNotContain(base64.substring(0, 24));
        for (EventRows.Row row : events.all()) {
            assertThat(row.payload() + row.metaData()).as(row.type())
                    .doesNotContain("SECRET-RECORD-CONTENT")
                    .doesNotContain(base64.substring(0, 24));
        }
    }

    // --- helpers ------------------------------------------------------------------------------------------------

    private static Citizen consentingCitizen(Api api) {
        Citizen citizen = api.newCitizen();
        signCloudConsent(api, citizen);
        return citizen;
    }

    private static Citizen consentingCitizen(Api api, String username) {
        String password = "pw-" + UUID.randomUUID();
        api.register(username, password).expect(201);
        Citizen citizen = new Citizen(username, password, api.login(username, password).expect(200).json().get("token").asText());
        signCloudConsent(api, citizen);
        return citizen;
    }

    private static void signCloudConsent(Api api, Citizen citizen) {
        String proposed = api.get("/citizen/consent/cloud", citizen.token()).expect(200).text();
        assertThat(proposed).contains("\"proposed\"");
        api.send("POST", "/citizen/consent/cloud", citizen.token(), "application/fhir+json",
                proposed.replace("\"proposed\"", "\"active\"").getBytes(StandardCharsets.UTF_8)).expect(200);
    }

    private static Api.Response upload(Api api, Citizen citizen, String object, String contentType, byte[] record) {
        return api.send("POST", "/citizen/upload?objectName=" + object, citizen.token(), contentType, record);
    }

    private Api.Response uploadWith(Citizen citizen, String object, String contentType, byte[] record, String contentDigest) {
        return send(api, "POST", "/citizen/upload?objectName=" + object, citizen.token(), contentType,
                HttpRequest.BodyPublishers.ofByteArray(record), Map.of("Content-Digest", contentDigest));
    }

    private static Api.Response download(Api api, Citizen citizen, String bucket, String object) {
        return api.get("/citizen/" + bucket + "/" + object, citizen.token());
    }

    private static Api.Response metadata(Api api, Citizen citizen, String bucket, String object) {
        return api.get("/citizen/" + bucket + "/" + object + "/metadata", citizen.token());
    }

    private static List<String> objectsOf(Api api, Citizen citizen, String bucket) {
        JsonNode answer = api.get("/citizen/buckets/" + bucket, citizen.token()).expect(200).json();
        assertThat(answer.get("bucket").asText()).isEqualTo(bucket);
        return texts(answer.get("objects"));
    }

    /** A request with extra headers, which {@link Api#send} does not take. */
    private Api.Response send(Api target, String method, String path, String token, String contentType,
                              HttpRequest.BodyPublisher body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(target.base() + path))
                .timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", contentType)
                .method(method, body);
        headers.forEach(request::header);
        try {
            HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Api.Response(response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The keys under the prefix in the physical storage bucket, read with the service's own S3 client. */
    private static List<String> storedKeys(Started service, String prefix) throws Exception {
        List<String> keys = new ArrayList<>();
        Iterator<Result<Item>> items = service.service().stores().minio().listObjects(ListObjectsArgs.builder()
                .bucket(service.service().stores().bucket()).prefix(prefix).recursive(true).build()).iterator();
        while (items.hasNext()) {
            keys.add(items.next().get().objectName());
        }
        return keys;
    }

    private static void assertRefusedAs400or404(Api.Response response) {
        assertThat(response.status()).as(response.text()).isIn(400, 404);
        response.expectError(response.status());
    }

    private static EventRows.Row only(List<EventRows.Row> stream, String type) {
        List<EventRows.Row> rows = stream.stream().filter(row -> row.simpleType().equals(type)).toList();
        assertThat(rows).as(type).hasSize(1);
        return rows.get(0);
    }

    private static JsonNode payload(EventRows.Row row) {
        try {
            return JSON.readTree(row.payload());
        } catch (IOException e) {
            throw new AssertionError("event payload is not JSON: " + row.type(), e);
        }
    }

    private static List<String> texts(JsonNode array) {
        assertThat(array).isNotNull();
        assertThat(array.isArray()).as("a JSON array: " + array).isTrue();
        List<String> texts = new ArrayList<>();
        array.forEach(node -> texts.add(node.asText()));
        return texts;
    }

    private static List<String> fieldNames(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static String contentDigest(byte[] bytes) {
        return "sha-256=:" + Base64.getEncoder().encodeToString(sha256(bytes)) + ":";
    }

    /** Reproducible random bytes: the same size and seed give the same record. */
    private static byte[] bytes(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    private static String sha256Hex(byte[] bytes) {
        return HexFormat.of().formatHex(sha256(bytes));
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
