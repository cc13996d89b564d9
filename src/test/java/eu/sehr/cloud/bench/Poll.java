package eu.sehr.cloud.bench;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * Asks a probe at a fixed rate until it has an answer. The rate only paces the polling: every duration the
 * benchmark reports is taken with {@link System#nanoTime()} around the probes, so its resolution is the interval.
 */
final class Poll {

    private Poll() {
    }

    static <T> T until(Duration every, Duration timeout, String what, Supplier<Optional<T>> probe) throws TimeoutException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long asked = System.nanoTime();
            Optional<T> answer = probe.get();
            if (answer.isPresent()) {
                return answer.get();
            }
            long next = asked + every.toNanos();
            if (next - deadline > 0) {
                throw new TimeoutException(what + " not within " + timeout.toSeconds() + " s");
            }
            for (long wait = next - System.nanoTime(); wait > 0; wait = next - System.nanoTime()) {
                LockSupport.parkNanos(wait);
                if (Thread.currentThread().isInterrupted()) {
                    throw new TimeoutException(what + ": interrupted");
                }
            }
        }
    }
}
