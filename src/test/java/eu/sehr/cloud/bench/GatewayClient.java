package eu.sehr.cloud.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The benchmark's HTTP client of the gateway: HTTP/1.1 over loopback (as the S3 client speaks to S3Proxy), record
 * bodies streamed both ways with their {@code Content-Length}, and the Prometheus metrics.
 */
final class GatewayClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration SMALL_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration LARGE_TIMEOUT = Duration.ofMinutes(30);

    private final String base;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    GatewayClient(String base) {
        if (!base.startsWith("http://127.0.0.1:")) {
            throw new IllegalArgumentException("the benchmark only talks to loopback: " + base);
        }
        this.base = base;
    }

    /** Streams a record of {@code size} bytes to {@code POST /citizen/upload}; the SHA-256 the gateway computed. */
    String upload(String token, String objectName, Supplier<InputStream> body, long size) {
        HttpRequest request = request("/citizen/upload?objectName=" + objectName, token, LARGE_TIMEOUT)
                .header("Content-Type", "application/octet-stream")
                .POST(BodyPublishers.fromPublisher(BodyPublishers.ofInputStream(body), size))
                .build();
        return json(send(request, 201)).path("sha256").asText();
    }

    /** Uploads a small record held in memory (the load test). */
    void upload(String token, String objectName, byte[] record) {
        HttpRequest request = request("/citizen/upload?objectName=" + objectName, token, SMALL_TIMEOUT)
                .header("Content-Type", "application/octet-stream")
                .POST(BodyPublishers.ofByteArray(record))
                .build();
        send(request, 201);
    }

    /** Downloads a small record (the load test); its length. */
    int download(String token, String bucket, String objectName) {
        HttpRequest request = request("/citizen/" + bucket + "/" + objectName, token, SMALL_TIMEOUT).GET().build();
        return send(request, 200).length;
    }

    /** Opens the streamed download of a record; the caller reads it to the end and closes it. */
    InputStream open(String token, String bucket, String objectName) {
        HttpRequest request = request("/citizen/" + bucket + "/" + objectName, token, LARGE_TIMEOUT).GET().build();
        HttpResponse<InputStream> response = exchange(request, BodyHandlers.ofInputStream());
        if (response.statusCode() != 200) {
            String reason;
            try (InputStream body = response.body()) {
                reason = new String(body.readNBytes(2000), StandardCharsets.UTF_8);
            } catch (IOException e) {
                reason = e.toString();
            }
            throw new IllegalStateException("GET " + request.uri().getPath() + ": HTTP " + response.statusCode() + " " + reason);
        }
        return response.body();
    }

    /** The values of the unlabelled gauges and counters of one {@code GET /metrics}, by name. */
    Map<String, Double> metrics() {
        String text = new String(send(request("/metrics", null, SMALL_TIMEOUT).GET().build(), 200), StandardCharsets.UTF_8);
        Map<String, Double> values = new HashMap<>();
        for (String line : text.split("\n")) {
            String[] nameAndValue = line.split(" ");
            if (!line.startsWith("#") && nameAndValue.length == 2) {
                values.put(nameAndValue[0], Double.parseDouble(nameAndValue[1]));
            }
        }
        return values;
    }

    /** Whether {@code GET /health/ready} answers 200 now (false while the port is closed or not ready). */
    boolean ready() {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/health/ready")).timeout(Duration.ofSeconds(2)).GET().build();
        try {
            return http.send(request, BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private HttpRequest.Builder request(String path, String token, Duration timeout) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(timeout);
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return request;
    }

    private byte[] send(HttpRequest request, int expected) {
        HttpResponse<byte[]> response = exchange(request, BodyHandlers.ofByteArray());
        if (response.statusCode() != expected) {
            throw new IllegalStateException(request.method() + " " + request.uri().getPath() + ": HTTP " + response.statusCode()
                    + " " + new String(response.body(), StandardCharsets.UTF_8));
        }
        return response.body();
    }

    private <T> HttpResponse<T> exchange(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        try {
            return http.send(request, handler);
        } catch (IOException e) {
            throw new UncheckedIOException(request.method() + " " + request.uri().getPath() + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static JsonNode json(byte[] body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new IllegalStateException("not JSON: " + new String(body, StandardCharsets.UTF_8), e);
        }
    }
}
