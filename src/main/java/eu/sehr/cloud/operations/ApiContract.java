package eu.sehr.cloud.operations;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

/**
 * Pipeline step of {@code GET /openapi.json}: the REST contract {@code routes/api/openapi.yaml}, written once in the
 * repository, served as JSON exactly as written. The route names this class ({@code beanType}) and Camel keeps one
 * instance of it, so the contract is read and converted once; a contract that cannot be read fails the request (500
 * with the contract's error body), and the operations test fails the build first.
 */
public final class ApiContract {

    public static final String RESOURCE = "routes/api/openapi.yaml";

    private final String json = read();

    private static String read() {
        try (InputStream yaml = ApiContract.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (yaml == null) {
                throw new IllegalStateException("the REST contract " + RESOURCE + " is missing from the classpath");
            }
            return new ObjectMapper().writeValueAsString(new YAMLMapper().readTree(yaml));
        } catch (IOException e) {
            throw new UncheckedIOException("the REST contract " + RESOURCE + " cannot be read", e);
        }
    }

    /** The OpenAPI 3 document as JSON text. */
    public String json() {
        return json;
    }
}
