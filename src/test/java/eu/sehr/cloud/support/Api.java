package eu.sehr.cloud.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** A plain HTTP client for the service under test: real requests over loopback, answers parsed as JSON. */
public final class Api {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public Api(String base) {
        this.base = base;
    }

    public String base() {
        return base;
    }

    public Response send(String method, String path, String token, String contentType, byte[] body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        try {
            HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Response(response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public Response postJson(String path, String token, String json) {
        return send("POST", path, token, "application/json", json.getBytes(StandardCharsets.UTF_8));
    }

    public Response get(String path, String token) {
        return send("GET", path, token, null, null);
    }

    public Response delete(String path, String token) {
        return send("DELETE", path, token, null, null);
    }

    public Response register(String username, String password) {
        return postJson("/citizen/register", null, credentials(username, password));
    }

    public Response login(String username, String password) {
        return postJson("/citizen/login", null, credentials(username, password));
    }

    /** Registers a fresh citizen and logs in: the citizen's token. */
    public Citizen newCitizen() {
        String username = "c" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        String password = "pw-" + UUID.randomUUID();
        register(username, password).expect(201);
        String token = login(username, password).expect(200).json().get("token").asText();
        return new Citizen(username, password, token);
    }

    /** Downloads the proposed consent, signs it (status active) and posts it back. */
    public Response signConsent(String token, String purpose) {
        String signed = get("/citizen/consent/" + purpose, token).expect(200).text().replace("\"proposed\"", "\"active\"");
        return send("POST", "/citizen/consent/" + purpose, token, "application/fhir+json", signed.getBytes(StandardCharsets.UTF_8));
    }

    public Response upload(String path, String token, String objectName, byte[] record) {
        return send("POST", path + "?objectName=" + objectName, token, "application/octet-stream", record);
    }

    public static String credentials(String username, String password) {
        return "{\"username\":" + quote(username) + ",\"password\":" + quote(password) + "}";
    }

    private static String quote(String value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public record Citizen(String username, String password, String token) {
    }

    public record Response(int status, java.net.http.HttpHeaders headers, byte[] body) {

        public Response expect(int expected) {
            if (status != expected) {
                throw new AssertionError("expected HTTP " + expected + " but got " + status + ": " + text());
            }
            return this;
        }

        /** The contract's error body: this status, JSON, exactly {@code msg} and {@code errorCode}. */
        public Response expectError(int expected) {
            expect(expected);
            if (header("Content-Type") == null || !header("Content-Type").startsWith("application/json")) {
                throw new AssertionError("HTTP " + status + " without a JSON content type: " + header("Content-Type"));
            }
            JsonNode error = json();
            if (error.size() != 2 || !error.path("msg").isTextual() || error.path("errorCode").asInt() != expected) {
                throw new AssertionError("not the contract's error body: " + text());
            }
            return this;
        }

        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + text(), e);
            }
        }

        public String header(String name) {
            return headers.firstValue(name).orElse(null);
        }
    }
}
