package eu.sehr.cloud.infra.http;

/** The contract's error body. */
public record ErrorBody(String msg, int errorCode) {
}
