package eu.sehr.cloud.transparency.api;

import java.time.Clock;
import java.util.Base64;
import java.util.List;

import eu.sehr.cloud.account.api.AccountCommands.ReadAuditTrailCommand;
import eu.sehr.cloud.domain.InvalidRequest;
import eu.sehr.cloud.security.Principal;
import eu.sehr.cloud.transparency.log.LogReads;
import eu.sehr.cloud.transparency.log.StoredCheckpoint;
import eu.sehr.cloud.transparency.note.VerifierKey;
import org.axonframework.commandhandling.gateway.CommandGateway;

/**
 * Pipeline steps of the transparency log's endpoints: the key, the latest checkpoint, proofs (no token: they reveal
 * only sizes and hashes) and the citizen's own leaves with their inclusion proofs.
 */
public final class LogSteps {

    /** At most this many entries per {@code /citizen/log} answer; the next page starts after the last index. */
    public static final int CITIZEN_LOG_PAGE = 1000;

    private final VerifierKey logKey;
    private final LogReads log;
    private final CommandGateway commands;
    private final Clock clock;

    public LogSteps(VerifierKey logKey, LogReads log, CommandGateway commands, Clock clock) {
        this.logKey = logKey;
        this.log = log;
        this.commands = commands;
        this.clock = clock;
    }

    public String key() {
        return logKey.encoded() + "\n";
    }

    public String checkpoint() {
        return log.withCosignatures(log.latest());
    }

    public InclusionProof inclusion(String index, String size) {
        long leaf = number("index", index);
        long tree = number("size", size);
        if (leaf >= tree) {
            throw new InvalidRequest("index must be smaller than size");
        }
        requireSigned(tree);
        return new InclusionProof(leaf, tree, base64(log.inclusionProof(leaf, tree)));
    }

    public ConsistencyProof consistency(String from, String to) {
        long older = number("from", from);
        long newer = number("to", to);
        if (older > newer) {
            throw new InvalidRequest("from must not be larger than to");
        }
        requireSigned(newer);
        return new ConsistencyProof(older, newer, base64(log.consistencyProof(older, newer)));
    }

    /** The citizen's leaves in the latest checkpoint (after {@code after}), each with its inclusion proof. */
    public CitizenLog citizenLog(Principal citizen, String after) {
        long from = after == null || after.isBlank() ? -1 : number("after", after);
        StoredCheckpoint checkpoint = log.latest();
        List<Entry> entries = log.ofAccount(citizen.account(), from, checkpoint.size(), CITIZEN_LOG_PAGE).stream()
                .map(proven -> new Entry(proven.leaf().index(), Base64.getEncoder().encodeToString(proven.leaf().leaf()),
                        base64(proven.proof())))
                .toList();
        commands.sendAndWait(new ReadAuditTrailCommand(citizen.account(), citizen.actor(), clock.instant()));
        return new CitizenLog(log.withCosignatures(checkpoint), entries);
    }

    private void requireSigned(long size) {
        if (size > log.latest().size()) {
            throw new InvalidRequest("the tree size is larger than the latest checkpoint's");
        }
    }

    private static long number(String name, String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidRequest(name + " is required");
        }
        if (!value.matches("0|[1-9][0-9]{0,17}")) {
            throw new InvalidRequest(name + " must be a whole number of at least 0");
        }
        return Long.parseLong(value);
    }

    private static List<String> base64(List<byte[]> hashes) {
        return hashes.stream().map(Base64.getEncoder()::encodeToString).toList();
    }

    public record InclusionProof(long index, long size, List<String> hashes) {
    }

    public record ConsistencyProof(long from, long to, List<String> hashes) {
    }

    public record CitizenLog(String checkpoint, List<Entry> entries) {
    }

    public record Entry(long index, String leaf, List<String> proof) {
    }
}
