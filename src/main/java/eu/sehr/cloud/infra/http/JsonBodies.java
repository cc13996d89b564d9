package eu.sehr.cloud.infra.http;

import java.io.IOException;

import com.fasterxml.jackson.databind.ObjectMapper;

/** Reads a JSON request body into a record; anything unreadable is a 400 that names no parser detail. */
public final class JsonBodies {

    private final ObjectMapper mapper;
    private final RequestBodies bodies;

    public JsonBodies(ObjectMapper mapper, RequestBodies bodies) {
        this.mapper = mapper;
        this.bodies = bodies;
    }

    public <T> T read(Object request, String contentType, Class<T> type) {
        if (contentType != null && !contentType.toLowerCase().startsWith("application/json")) {
            throw ApiException.unsupportedMediaType("the body must be application/json");
        }
        String body = bodies.text(request);
        if (body.isBlank()) {
            throw ApiException.badRequest("a JSON body is required");
        }
        try {
            T value = mapper.readValue(body, type);
            if (value == null) {
                throw ApiException.badRequest("a JSON object is required");
            }
            return value;
        } catch (IOException e) {
            throw ApiException.badRequest("malformed JSON body");
        }
    }
}
