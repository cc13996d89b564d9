package eu.sehr.cloud.domain;

/**
 * A rule of the domain said no: the aggregate or a pipeline step refuses what was asked. Each kind is its own class;
 * the API's one error configuration maps the kind to the contract's status ({@code infra.http.RefusalStatuses}).
 * Messages are read by the client: they never carry tokens, passwords, record bytes or justifications. No stack trace
 * is kept: a refusal is an answer, not a fault.
 */
public abstract class Refusal extends RuntimeException {

    protected Refusal(String message) {
        super(message, null, false, false);
    }
}
