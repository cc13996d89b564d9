package eu.sehr.cloud.audit.compliance;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;

import com.fasterxml.jackson.annotation.JsonInclude;
import eu.sehr.cloud.audit.api.Actor;
import eu.sehr.cloud.audit.chain.HashChain;
import eu.sehr.cloud.audit.chain.HashChain.ChainedEvent;

/**
 * Recomputes the hash chain of every account that ever bore a username, from the event store's rows alone, and
 * names the first event whose stored hashes do not match (its sequence and account).
 */
public final class ChainVerifier {

    private static final int CHUNK_EVENTS = 512;
    private static final int CHUNKS_IN_FLIGHT = 4;

    private final EventStoreReader reader;
    private final HashChain chain;

    public ChainVerifier(EventStoreReader reader, HashChain chain) {
        this.reader = reader;
        this.chain = chain;
    }

    /** The verification of one username, in the contract's shape. */
    public ChainVerification verify(String username) {
        long events = 0;
        Long firstBroken = null;
        String brokenAccount = null;
        for (String account : reader.accountsOf(username)) {
            AccountCheck check = verifyAccount(account);
            events += check.events;
            if (firstBroken == null && check.firstBroken != null) {
                firstBroken = check.firstBroken;
                brokenAccount = account;
            }
        }
        return new ChainVerification(username, events, firstBroken == null, firstBroken, brokenAccount);
    }

    /** The contract's answer; the first broken sequence and its account only when a chain is broken. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ChainVerification(String citizen, long events, boolean valid, Long firstBrokenSequence, String account) {
    }

    AccountCheck verifyAccount(String account) {
        Pipeline pipeline = new Pipeline();
        reader.forEachOfAccount(account, pipeline);
        return pipeline.finish();
    }

    /**
     * Hashes the events in chunks on the common pool while the next rows are read, and checks the results in order.
     * Each event is hashed after its own stored previous hash: where that differs from the hash before it, the
     * chain is broken there anyway, so the outcome is the one of hashing strictly one event after the other.
     */
    private final class Pipeline implements Consumer<StoredEvent> {
        private final AccountCheck check = new AccountCheck();
        private final Deque<CompletableFuture<List<Link>>> hashing = new ArrayDeque<>();
        private List<StoredEvent> chunk = new ArrayList<>(CHUNK_EVENTS);

        @Override
        public void accept(StoredEvent event) {
            chunk.add(event);
            if (chunk.size() == CHUNK_EVENTS) {
                submitChunk();
                while (hashing.size() > CHUNKS_IN_FLIGHT) {
                    checkNextChunk();
                }
            }
        }

        AccountCheck finish() {
            submitChunk();
            while (!hashing.isEmpty()) {
                checkNextChunk();
            }
            return check;
        }

        private void submitChunk() {
            List<StoredEvent> events = chunk;
            chunk = new ArrayList<>(CHUNK_EVENTS);
            if (!events.isEmpty()) {
                hashing.add(CompletableFuture.supplyAsync(() -> events.stream().map(this::link).toList()));
            }
        }

        private Link link(StoredEvent event) {
            Map<String, Object> meta = event.metaData();
            String storedPrevious = (String) meta.get(HashChain.PREV_HASH);
            String recomputed = storedPrevious == null ? null : chain.hash(new ChainedEvent(event.account(), event.sequence(),
                    event.payloadType(), event.payload(), Actor.fromMetaData(meta), (String) meta.get(HashChain.OCCURRED_AT),
                    storedPrevious));
            return new Link(event.sequence(), storedPrevious, (String) meta.get(HashChain.HASH), recomputed);
        }

        private void checkNextChunk() {
            try {
                hashing.poll().join().forEach(check::accept);
            } catch (CompletionException e) {
                throw e.getCause() instanceof RuntimeException cause ? cause : e;
            }
        }
    }

    /** One event as stored (sequence, previous and own hash) and its hash recomputed from its stored row. */
    record Link(long sequence, String storedPrevious, String storedHash, String recomputed) {
    }

    /** Walks one account's events in sequence order. */
    static final class AccountCheck {
        private String previous = HashChain.GENESIS;
        private long expectedSequence;
        private long events;
        private Long firstBroken;

        void accept(Link link) {
            events++;
            if (firstBroken != null) {
                return;
            }
            if (link.sequence() != expectedSequence || !Objects.equals(link.storedPrevious(), previous)
                    || !Objects.equals(link.storedHash(), link.recomputed())) {
                firstBroken = link.sequence();
            }
            previous = link.storedHash() == null ? link.recomputed() : link.storedHash();
            expectedSequence++;
        }
    }
}
