package eu.sehr.cloud.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import okhttp3.ConnectionPool;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okio.BufferedSink;
import okio.Okio;
import okio.Source;

/**
 * The benchmark's HTTP client of the gateway. It is OkHttp, the client that the MinIO client uses for the direct
 * figures, so that a ratio compares the gateway with S3 and not two HTTP clients: HTTP/1.1 over loopback, record
 * bodies streamed both ways with their {@code Content-Length}, and the Prometheus metrics.
 */
final class GatewayClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final MediaType OCTETS = MediaType.get("application/octet-stream");
    private static final Duration SMALL_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration LARGE_TIMEOUT = Duration.ofMinutes(30);
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(2);
    private static final int CONNECTIONS = 64;

    private final String base;
    private final OkHttpClient small = new OkHttpClient.Builder()
            .connectionPool(new ConnectionPool(CONNECTIONS, 5, TimeUnit.MINUTES))
            .connectTimeout(Duration.ofSeconds(5))
            .callTimeout(SMALL_TIMEOUT)
            .build();
    private final OkHttpClient large = small.newBuilder().callTimeout(Duration.ZERO).readTimeout(LARGE_TIMEOUT)
            .writeTimeout(LARGE_TIMEOUT).build();
    private final OkHttpClient probe = small.newBuilder().callTimeout(PROBE_TIMEOUT).build();

    GatewayClient(String base) {
        if (!base.startsWith("http://127.0.0.1:")) {
            throw new IllegalArgumentException("the benchmark only talks to loopback: " + base);
        }
        this.base = base;
    }

    /** Streams a record of {@code size} bytes to {@code POST /citizen/upload}; the SHA-256 the gateway computed. */
    String upload(String token, String objectName, Supplier<InputStream> body, long size) {
        RequestBody streamed = new RequestBody() {
            @Override
            public MediaType contentType() {
                return OCTETS;
            }

            @Override
            public long contentLength() {
                return size;
            }

            @Override
            public void writeTo(BufferedSink sink) throws IOException {
                try (Source bytes = Okio.source(body.get())) {
                    sink.writeAll(bytes);
                }
            }
        };
        return json(send(large, request("/citizen/upload?objectName=" + objectName, token).post(streamed), 201))
                .path("sha256").asText();
    }

    /** Uploads a small record held in memory (the load test). */
    void upload(String token, String objectName, byte[] record) {
        send(small, request("/citizen/upload?objectName=" + objectName, token).post(RequestBody.create(record, OCTETS)), 201);
    }

    /** Downloads a small record (the load test); its length. */
    int download(String token, String bucket, String objectName) {
        return send(small, request("/citizen/" + bucket + "/" + objectName, token).get(), 200).length;
    }

    /** Opens the streamed download of a record; the caller reads it to the end and closes it. */
    InputStream open(String token, String bucket, String objectName) {
        Request request = request("/citizen/" + bucket + "/" + objectName, token).get().build();
        Response response = execute(large, request);
        if (response.code() != 200) {
            try (response) {
                throw new IllegalStateException("GET " + request.url().encodedPath() + ": HTTP " + response.code() + " "
                        + new String(response.body().source().readByteArray(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return response.body().byteStream();
    }

    /** The values of the unlabelled gauges and counters of one {@code GET /metrics}, by name. */
    Map<String, Double> metrics() {
        String text = new String(send(small, request("/metrics", null).get(), 200), StandardCharsets.UTF_8);
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
        try (Response response = probe.newCall(request("/health/ready", null).get().build()).execute()) {
            return response.code() == 200;
        } catch (IOException e) {
            return false;
        }
    }

    private Request.Builder request(String path, String token) {
        Request.Builder request = new Request.Builder().url(base + path);
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return request;
    }

    private static byte[] send(OkHttpClient client, Request.Builder builder, int expected) {
        Request request = builder.build();
        try (Response response = execute(client, request)) {
            byte[] body = response.body().bytes();
            if (response.code() != expected) {
                throw new IllegalStateException(request.method() + " " + request.url().encodedPath() + ": HTTP "
                        + response.code() + " " + new String(body, StandardCharsets.UTF_8));
            }
            return body;
        } catch (IOException e) {
            throw new UncheckedIOException(request.method() + " " + request.url().encodedPath() + ": " + e, e);
        }
    }

    private static Response execute(OkHttpClient client, Request request) {
        try {
            return client.newCall(request).execute();
        } catch (IOException e) {
            throw new UncheckedIOException(request.method() + " " + request.url().encodedPath() + ": " + e, e);
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
