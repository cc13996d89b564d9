package eu.sehr.cloud.transparency.check;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The few requests {@code audit check} makes to the log; anything but a 200 with the promised shape cannot be checked. */
public final class LogHttp {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    public LogHttp(URI base) {
        String url = base.toString();
        this.base = URI.create(url.endsWith("/") ? url : url + "/");
    }

    public String checkpoint() throws CheckFailure {
        return text("log/checkpoint", null);
    }

    public List<byte[]> consistencyProof(long from, long to) throws CheckFailure {
        return hashes(json("log/proof/consistency?from=" + from + "&to=" + to, null).get("hashes"));
    }

    /** One page of the citizen's leaves ({@code GET /citizen/log}), with the checkpoint they are proven in. */
    public JsonNode citizenLog(String token, long after) throws CheckFailure {
        return json("citizen/log" + (after >= 0 ? "?after=" + after : ""), token);
    }

    public static List<byte[]> hashes(JsonNode array) throws CheckFailure {
        if (array == null || !array.isArray()) {
            throw CheckFailure.cannotCheck("the log answered without a list of hashes");
        }
        List<byte[]> hashes = new ArrayList<>();
        for (JsonNode hash : array) {
            try {
                hashes.add(Base64.getDecoder().decode(hash.asText()));
            } catch (IllegalArgumentException e) {
                throw CheckFailure.cannotCheck("the log answered with a hash that is not base64");
            }
        }
        return hashes;
    }

    private JsonNode json(String path, String token) throws CheckFailure {
        try {
            return JSON.readTree(text(path, token));
        } catch (IOException e) {
            throw CheckFailure.cannotCheck("GET /" + path + " did not answer JSON");
        }
    }

    private String text(String path, String token) throws CheckFailure {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(TIMEOUT).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                throw CheckFailure.cannotCheck("GET /" + path.replaceAll("\\?.*", "") + " answered " + response.statusCode());
            }
            return new String(response.body(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw CheckFailure.cannotCheck("the log at " + base + " cannot be reached (" + e.getClass().getSimpleName() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw CheckFailure.cannotCheck("interrupted");
        }
    }
}
