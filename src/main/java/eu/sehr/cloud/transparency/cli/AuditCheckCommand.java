package eu.sehr.cloud.transparency.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.JsonNode;
import eu.sehr.cloud.transparency.check.CheckFailure;
import eu.sehr.cloud.transparency.check.CheckpointCheck;
import eu.sehr.cloud.transparency.check.CitizenLeavesCheck;
import eu.sehr.cloud.transparency.check.LogHttp;
import eu.sehr.cloud.transparency.note.AtomicFiles;
import eu.sehr.cloud.transparency.note.Checkpoint;
import eu.sehr.cloud.transparency.note.NoteVerifier;
import eu.sehr.cloud.transparency.note.SignedNote;
import eu.sehr.cloud.transparency.note.VerifierKey;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code audit check}: an offline verifier that trusts nothing the service says. It keeps the checkpoint it trusts in
 * a state directory; each run fetches the latest one, checks the log's signature, the witnesses' cosignatures and its
 * consistency with the trusted one, and (with a citizen token) checks every leaf of the citizen against it; only then
 * does the new checkpoint become the trusted one. The first run trusts the first checkpoint it sees that passes the
 * signature and witness checks.
 *
 * <p>Exit codes: 0 all checks passed; 1 the log misbehaved (evidence saved in the state directory); 2 wrong usage;
 * 3 the log could not be checked (unreachable, unexpected answer); 4 too few witnesses cosigned (state unchanged).
 */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = "Verify the transparency log from outside: checkpoint signatures, witness cosignatures, consistency "
                + "with the checkpoint trusted before, and a citizen's leaves. Exit 0 ok, 1 misbehaviour, 2 usage, 3 cannot "
                + "check, 4 too few witnesses.")
public final class AuditCheckCommand implements Callable<Integer> {

    private static final String TRUSTED = "checkpoint";

    @Spec
    CommandSpec spec;

    @Option(names = "--log-url", required = true, description = "the service's base URL, e.g. https://ehr.example.org")
    URI logUrl;

    @Option(names = "--log-key", required = true, description = "the log's verifier key (GET /log/key, obtained out of band)")
    String logKey;

    @Option(names = "--origin", description = "the log's origin (default: the log key's name)")
    String origin;

    @Option(names = "--state-dir", required = true, description = "where the trusted checkpoint is kept between runs")
    Path stateDir;

    @Option(names = "--witness", description = "a trusted witness's cosignature verifier key (repeatable)")
    List<String> witnessKeys = new ArrayList<>();

    @Option(names = "--min-witnesses", description = "how many trusted witnesses must cosign (default: 1 with --witness, else 0)")
    Integer minWitnesses;

    @Option(names = "--citizen-token", defaultValue = "${env:SEHR_CITIZEN_TOKEN}",
            description = "a citizen token: also check that citizen's leaves (default: $SEHR_CITIZEN_TOKEN)")
    String citizenToken;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        VerifierKey key;
        List<NoteVerifier> witnesses = new ArrayList<>();
        try {
            key = VerifierKey.parse(logKey.strip());
            for (String witness : witnessKeys) {
                witnesses.add(VerifierKey.parse(witness.strip()).verifier());
            }
        } catch (IllegalArgumentException e) {
            err.println("not a verifier key: " + e.getMessage());
            return 2;
        }
        int required = minWitnesses != null ? minWitnesses : witnesses.isEmpty() ? 0 : 1;
        CheckpointCheck check = new CheckpointCheck(origin != null ? origin : key.name(), key.verifier(), witnesses, required);
        LogHttp http = new LogHttp(logUrl);
        Files.createDirectories(stateDir);
        String served = null;
        try {
            Optional<Checkpoint> trusted = trusted();
            String token = citizenToken == null || citizenToken.isBlank() ? null : citizenToken.strip();
            JsonNode page = token == null ? null : http.citizenLog(token, -1);
            served = page == null ? http.checkpoint() : page.path("checkpoint").asText();
            Checkpoint accepted = check.accept(served, trusted, http::consistencyProof);
            int leaves = 0;
            while (page != null) {
                served = page.path("checkpoint").asText();
                accepted = check.accept(served, Optional.of(accepted), http::consistencyProof);
                leaves += new CitizenLeavesCheck(out).verify(page.path("entries"), accepted);
                page = page.path("entries").size() < 1000 ? null
                        : http.citizenLog(token, page.path("entries").get(page.path("entries").size() - 1).path("index").asLong());
            }
            AtomicFiles.write(stateDir.resolve(TRUSTED), served.getBytes(StandardCharsets.UTF_8));
            out.println("OK: checkpoint " + accepted.size() + " of " + accepted.origin()
                    + trusted.map(t -> " is consistent with the trusted checkpoint " + t.size()).orElse(" is now trusted (first run)")
                    + (token == null ? "" : "; " + leaves + " leaves of the citizen are in it"));
            return 0;
        } catch (CheckFailure failure) {
            err.println((failure.exitCode() == CheckFailure.MISBEHAVIOUR ? "LOG MISBEHAVIOUR: " : "cannot accept: ") + failure.getMessage());
            if (failure.exitCode() == CheckFailure.MISBEHAVIOUR && served != null) {
                Path evidence = stateDir.resolve("evidence-" + Instant.now().toEpochMilli() + ".txt");
                Files.writeString(evidence, failure.getMessage() + "\n\n" + served, StandardCharsets.UTF_8);
                err.println("evidence saved in " + evidence);
            }
            return failure.exitCode();
        }
    }

    private Optional<Checkpoint> trusted() throws IOException {
        Path file = stateDir.resolve(TRUSTED);
        if (Files.notExists(file)) {
            return Optional.empty();
        }
        return Optional.of(Checkpoint.parse(SignedNote.parse(Files.readString(file, StandardCharsets.UTF_8)).text()));
    }
}
