package eu.sehr.cloud.operations;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

/**
 * Pipeline step of {@code GET /openapi.json}: the REST contract {@code routes/api/openapi.yaml}, written once in the
 * repository, served as JSON exactly as written (read and converted once, at start-up: a broken contract stops the
 * service from starting rather than being served).
 */
public final class ApiContract {

    public static final String RESOURCE = "routes/api/openapi.yaml";

    private final String json;

    private ApiContract(String json) {
        this.json = json;
    }

    public static ApiContract fromClasspath() {
        try (InputStream yaml = ApiContract.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (yaml == null) {
                throw new IllegalStateException("the REST contract " + RESOURCE + " is missing from the classpath");
            }
            return new ApiContract(new ObjectMapper().writeValueAsString(new YAMLMapper().readTree(yaml)));
        } catch (IOException e) {
            throw new UncheckedIOException("the REST contract " + RESOURCE + " cannot be read", e);
        }
    }

    /** The OpenAPI 3 document as JSON text. */
    public String json() {
        return json;
    }
}
