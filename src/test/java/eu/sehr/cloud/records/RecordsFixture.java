package eu.sehr.cloud.records;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
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
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shared steps of the records end-to-end tests on the running service: a citizen with the cloud consent, uploads
 * (also with extra headers), downloads, metadata, listings, the keys in the physical storage bucket, reproducible
 * record bytes and their digests.
 */
@ExtendWith(RunningService.class)
abstract class RecordsFixture {

    static final ObjectMapper JSON = new ObjectMapper();
    static final int MIB = 1024 * 1024;
    static final String TEST_TYPE = "application/x-test";

    final Api api;
    final Started started;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    RecordsFixture(Api api, Started started) {
        this.api = api;
        this.started = started;
    }

    static Citizen consentingCitizen(Api api) {
        Citizen citizen = api.newCitizen();
        signCloudConsent(api, citizen);
        return citizen;
    }

    static Citizen consentingCitizen(Api api, String username) {
        String password = "pw-" + UUID.randomUUID();
        api.register(username, password).expect(201);
        Citizen citizen = new Citizen(username, password, api.login(username, password).expect(200).json().get("token").asText());
        signCloudConsent(api, citizen);
        return citizen;
    }

    static void signCloudConsent(Api api, Citizen citizen) {
        String proposed = api.get("/citizen/consent/cloud", citizen.token()).expect(200).text();
        assertThat(proposed).contains("\"proposed\"");
        api.send("POST", "/citizen/consent/cloud", citizen.token(), "application/fhir+json",
                proposed.replace("\"proposed\"", "\"active\"").getBytes(StandardCharsets.UTF_8)).expect(200);
    }

    static Api.Response upload(Api api, Citizen citizen, String object, String contentType, byte[] record) {
        return api.send("POST", "/citizen/upload?objectName=" + object, citizen.token(), contentType, record);
    }

    Api.Response uploadWith(Citizen citizen, String object, String contentType, byte[] record, String contentDigest) {
        return send(api, "POST", "/citizen/upload?objectName=" + object, citizen.token(), contentType,
                HttpRequest.BodyPublishers.ofByteArray(record), Map.of("Content-Digest", contentDigest));
    }

    static Api.Response download(Api api, Citizen citizen, String bucket, String object) {
        return api.get("/citizen/" + bucket + "/" + object, citizen.token());
    }

    static Api.Response metadata(Api api, Citizen citizen, String bucket, String object) {
        return api.get("/citizen/" + bucket + "/" + object + "/metadata", citizen.token());
    }

    static List<String> objectsOf(Api api, Citizen citizen, String bucket) {
        JsonNode answer = api.get("/citizen/buckets/" + bucket, citizen.token()).expect(200).json();
        assertThat(answer.get("bucket").asText()).isEqualTo(bucket);
        return texts(answer.get("objects"));
    }

    /** A request with extra headers, which {@link Api#send} does not take. */
    Api.Response send(Api target, String method, String path, String token, String contentType,
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
    static List<String> storedKeys(Started service, String prefix) throws Exception {
        List<String> keys = new ArrayList<>();
        Iterator<Result<Item>> items = service.service().stores().minio().listObjects(ListObjectsArgs.builder()
                .bucket(service.service().stores().bucket()).prefix(prefix).recursive(true).build()).iterator();
        while (items.hasNext()) {
            keys.add(items.next().get().objectName());
        }
        return keys;
    }

    static void assertRefusedAs400or404(Api.Response response) {
        assertThat(response.status()).as(response.text()).isIn(400, 404);
        response.expectError(response.status());
    }

    static EventRows.Row only(List<EventRows.Row> stream, String type) {
        List<EventRows.Row> rows = stream.stream().filter(row -> row.simpleType().equals(type)).toList();
        assertThat(rows).as(type).hasSize(1);
        return rows.get(0);
    }

    static JsonNode payload(EventRows.Row row) {
        try {
            return JSON.readTree(row.payload());
        } catch (IOException e) {
            throw new AssertionError("event payload is not JSON: " + row.type(), e);
        }
    }

    static List<String> texts(JsonNode array) {
        assertThat(array).isNotNull();
        assertThat(array.isArray()).as("a JSON array: " + array).isTrue();
        List<String> texts = new ArrayList<>();
        array.forEach(node -> texts.add(node.asText()));
        return texts;
    }

    static List<String> fieldNames(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    static String contentDigest(byte[] bytes) {
        return "sha-256=:" + Base64.getEncoder().encodeToString(sha256(bytes)) + ":";
    }

    /** Reproducible random bytes: the same size and seed give the same record. */
    static byte[] bytes(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    static String sha256Hex(byte[] bytes) {
        return HexFormat.of().formatHex(sha256(bytes));
    }

    static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
