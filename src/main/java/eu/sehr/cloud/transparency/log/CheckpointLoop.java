package eu.sehr.cloud.transparency.log;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the maximum merge delay: a few times within it, signs a checkpoint if the tree has grown, then lets the
 * witnesses catch up with the latest checkpoint. Runs on every replica; what they do twice is harmless (the same size
 * signs to the same note, a witness answers a repeated push with a conflict that is resolved on the next try).
 */
public final class CheckpointLoop implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CheckpointLoop.class);
    private static final Duration SHORTEST = Duration.ofMillis(100);
    private static final Duration LONGEST = Duration.ofSeconds(1);

    private final CheckpointSigner signer;
    private final Runnable witnesses;
    private final ScheduledExecutorService timer;
    private volatile boolean failing;

    public CheckpointLoop(CheckpointSigner signer, Runnable witnesses) {
        this.signer = signer;
        this.witnesses = witnesses;
        this.timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "log-checkpoints");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Ticks a quarter of the maximum merge delay apart (between 100 ms and 1 s). */
    public void start(Duration maxMergeDelay) {
        Duration quarter = maxMergeDelay.dividedBy(4);
        Duration interval = quarter.compareTo(SHORTEST) < 0 ? SHORTEST : quarter.compareTo(LONGEST) > 0 ? LONGEST : quarter;
        timer.scheduleWithFixedDelay(this::tick, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    void tick() {
        try {
            signer.signIfGrown();
            witnesses.run();
            if (failing) {
                LOG.info("Checkpoints are signed again");
                failing = false;
            }
        } catch (RuntimeException e) {
            if (!failing) {
                LOG.warn("Signing a checkpoint failed ({}); retrying", e.getClass().getSimpleName());
                failing = true;
            }
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
