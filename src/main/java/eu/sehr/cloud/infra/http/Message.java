package eu.sehr.cloud.infra.http;

/** A success answer that only says what happened: {@code {"msg": "..."}}. */
public record Message(String msg) {
}
