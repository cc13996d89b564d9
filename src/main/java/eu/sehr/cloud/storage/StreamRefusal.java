package eu.sehr.cloud.storage;

import java.io.IOException;

import eu.sehr.cloud.infra.http.ApiException;

/** Thrown by an upload's stream to abort the put, carrying the refusal the client gets (413, 400). */
public final class StreamRefusal extends IOException {

    private final ApiException refusal;

    public StreamRefusal(ApiException refusal) {
        super(refusal.getMessage());
        this.refusal = refusal;
    }

    public ApiException refusal() {
        return refusal;
    }
}
