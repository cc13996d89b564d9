package eu.sehr.cloud.transparency.receipt;

import java.util.Optional;

/**
 * Which request's leaves the current thread is collecting: the route of a request runs on one worker thread, and
 * the events it stores are appended on that thread, so the append can find the request without the steps passing
 * it along.
 */
public final class CurrentRequest {

    private final ThreadLocal<RequestLeaves> bound = new ThreadLocal<>();

    public void bind(RequestLeaves leaves) {
        bound.set(leaves);
    }

    public void unbind(RequestLeaves leaves) {
        if (bound.get() == leaves) {
            bound.remove();
        }
    }

    public Optional<RequestLeaves> leaves() {
        return Optional.ofNullable(bound.get());
    }
}
