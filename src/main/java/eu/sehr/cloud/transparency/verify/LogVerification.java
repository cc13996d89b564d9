package eu.sehr.cloud.transparency.verify;

import java.io.IOException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import eu.sehr.cloud.audit.compliance.ChainVerifier.ChainVerification;
import eu.sehr.cloud.audit.compliance.EventStoreReader;
import eu.sehr.cloud.transparency.log.EventLeaves;
import eu.sehr.cloud.transparency.log.LeafEncoder;
import eu.sehr.cloud.transparency.log.LogReads;
import eu.sehr.cloud.transparency.log.LogReads.ProvenLeaf;
import eu.sehr.cloud.transparency.log.StoredCheckpoint;
import eu.sehr.cloud.transparency.merkle.MerkleHash;
import eu.sehr.cloud.transparency.merkle.ProofVerifier;
import eu.sehr.cloud.transparency.note.NoteVerifier;
import eu.sehr.cloud.transparency.note.SignedNote;
import eu.sehr.cloud.transparency.note.TrustedNoteKeys;

/**
 * {@code GET /audit/verify}, extended: besides the hash chains, the event store and the log must agree for every
 * account of the citizen. Each leaf must have its event and be recomputable from it (same account, type, actor,
 * timestamp, payload), each event older than the grace period must be a leaf, each leaf must be proven in the latest
 * checkpoint (whose signature must verify), and each leaf the citizen's audit view shows must have its view line.
 * The first disagreement gives {@code firstBrokenIndex} (the leaf's index; for an event that is no leaf, the tree size).
 */
public final class LogVerification {

    private final EventStoreReader reader;
    private final LeafEventPairs pairs;
    private final EventLeaves leaves;
    private final LeafEncoder encoder;
    private final LogReads log;
    private final NoteVerifier logKey;
    private final ViewLinesCheck views;
    private final Duration grace;
    private final ObjectMapper mapper;

    LogVerification(EventStoreReader reader, LeafEventPairs pairs, EventLeaves leaves, LeafEncoder encoder, LogReads log,
                           NoteVerifier logKey, ViewLinesCheck views, Duration grace, ObjectMapper mapper) {
        this.reader = reader;
        this.pairs = pairs;
        this.leaves = leaves;
        this.encoder = encoder;
        this.log = log;
        this.logKey = logKey;
        this.views = views;
        this.grace = grace;
        this.mapper = mapper;
    }

    public static LogVerification create(EventStoreReader reader, org.axonframework.common.jdbc.ConnectionProvider connections,
                                         EventLeaves leaves, LeafEncoder encoder, LogReads log, NoteVerifier logKey,
                                         ViewLinesCheck views, Duration maxMergeDelay, ObjectMapper mapper) {
        return new LogVerification(reader, new LeafEventPairs(connections, mapper), leaves, encoder, log, logKey, views,
                maxMergeDelay.multipliedBy(3), mapper);
    }

    /** The contract's answer, with the log's verdict added. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Verification(String citizen, long events, boolean valid, Long firstBrokenSequence, String account,
                               Long firstBrokenIndex, String logProblem) {
    }

    public Verification extend(ChainVerification chain, String citizen) {
        Optional<Problem> problem = firstProblem(reader.accountsOf(citizen));
        return new Verification(chain.citizen(), chain.events(), chain.valid() && problem.isEmpty(), chain.firstBrokenSequence(),
                chain.account(), problem.map(Problem::index).orElse(null), problem.map(Problem::what).orElse(null));
    }

    /** A disagreement between the event store, the log and the view: where (a leaf index) and what. */
    public record Problem(long index, String what) {
    }

    Optional<Problem> firstProblem(List<String> accounts) {
        StoredCheckpoint checkpoint = log.latest();
        try {
            new TrustedNoteKeys(List.of(logKey)).verify(SignedNote.parse(checkpoint.note()));
        } catch (RuntimeException e) {
            return Optional.of(new Problem(0, "the latest checkpoint is not signed by the log key"));
        }
        if (accounts.isEmpty()) {
            return Optional.empty();
        }
        List<Problem> problems = new ArrayList<>();
        List<LeafAndEvent> matched = pairs.of(accounts);
        Instant settled = Instant.now().minus(grace);
        for (LeafAndEvent pair : matched) {
            if (!pair.hasLeaf()) {
                if (Instant.parse(pair.eventTimestamp()).isBefore(settled)) {
                    problems.add(new Problem(checkpoint.size(), "an event that is not a leaf"));
                }
            } else if (!pair.hasEvent()) {
                problems.add(new Problem(pair.leafIndex(), "a leaf with no event"));
            } else if (!recomputes(pair)) {
                problems.add(new Problem(pair.leafIndex(), "a leaf that its event no longer gives"));
            }
        }
        for (String account : accounts) {
            for (ProvenLeaf proven : log.ofAccount(account, -1, checkpoint.size(), Integer.MAX_VALUE)) {
                if (!ProofVerifier.inclusionIsValid(MerkleHash.leaf(proven.leaf().leaf()), proven.leaf().index(),
                        checkpoint.size(), proven.proof(), checkpoint.rootHash())) {
                    problems.add(new Problem(proven.leaf().index(), "a leaf that is not in the signed checkpoint"));
                }
            }
        }
        problems.addAll(views.problems(matched, accounts));
        return problems.stream().min((a, b) -> Long.compare(a.index(), b.index()));
    }

    private boolean recomputes(LeafAndEvent pair) {
        String salt;
        try {
            JsonNode stored = mapper.readTree(pair.leaf());
            salt = stored.path("salt").asText();
        } catch (IOException e) {
            return false;
        }
        try {
            return leaves.of(pair.event(), salt)
                    .map(content -> MessageDigest.isEqual(encoder.bytes(content), pair.leaf()))
                    .orElse(false);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
