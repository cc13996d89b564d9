package eu.sehr.cloud.audit.compliance;

import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonInclude;
import eu.sehr.cloud.audit.api.Actor;
import eu.sehr.cloud.audit.chain.HashChain;
import eu.sehr.cloud.audit.chain.HashChain.ChainedEvent;

/**
 * Recomputes the hash chain of every account that ever bore a username, from the event store's rows alone, and
 * names the first event whose stored hashes do not match (its sequence and account).
 */
public final class ChainVerifier {

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
        AccountCheck check = new AccountCheck();
        reader.forEachOfAccount(account, event -> check.accept(event, chain));
        return check;
    }

    /** Walks one account's events in sequence order. */
    static final class AccountCheck {
        private String previous = HashChain.GENESIS;
        private long expectedSequence;
        private long events;
        private Long firstBroken;

        void accept(StoredEvent event, HashChain chain) {
            events++;
            if (firstBroken != null) {
                return;
            }
            Map<String, Object> meta = event.metaData();
            String storedPrevious = (String) meta.get(HashChain.PREV_HASH);
            String storedHash = (String) meta.get(HashChain.HASH);
            String recomputed = chain.hash(new ChainedEvent(event.account(), event.sequence(), event.payloadType(),
                    event.payload(), Actor.fromMetaData(meta), (String) meta.get(HashChain.OCCURRED_AT), previous));
            if (event.sequence() != expectedSequence || !Objects.equals(storedPrevious, previous)
                    || !Objects.equals(storedHash, recomputed)) {
                firstBroken = event.sequence();
            }
            previous = storedHash == null ? recomputed : storedHash;
            expectedSequence++;
        }
    }
}
