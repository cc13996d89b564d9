package eu.sehr.cloud.infra.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;

/** The HTTP plumbing that routes name: the JSON mapper, the reply step and the error body of routes/api/errors.camel.yaml. */
public final class HttpBeans implements CamelConfiguration {

    private final ObjectMapper mapper;
    private final Reply reply;

    public HttpBeans(ObjectMapper mapper, Reply reply) {
        this.mapper = mapper;
        this.reply = reply;
    }

    @BindToRegistry
    public ObjectMapper jsonMapper() {
        return mapper;
    }

    @BindToRegistry
    public Reply reply() {
        return reply;
    }

    @BindToRegistry
    public ErrorResponder errorResponder() {
        return new ErrorResponder(mapper);
    }
}
