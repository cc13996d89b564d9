package eu.sehr.cloud.infra.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The contract's error body. */
public record ErrorBody(String msg, int errorCode) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The body as JSON text. */
    public static String json(String msg, int errorCode) {
        try {
            return JSON.writeValueAsString(new ErrorBody(msg, errorCode));
        } catch (JsonProcessingException e) {
            return "{\"msg\":\"internal error\",\"errorCode\":500}";
        }
    }
}
