package eu.sehr.cloud.transparency;

import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import eu.sehr.cloud.App;
import eu.sehr.cloud.support.Api;
import eu.sehr.cloud.support.FreePorts;
import eu.sehr.cloud.support.RunningService;
import eu.sehr.cloud.support.RunningService.Started;
import eu.sehr.cloud.transparency.merkle.MerkleHash;
import eu.sehr.cloud.transparency.note.Checkpoint;
import eu.sehr.cloud.transparency.note.SignedNote;
import eu.sehr.cloud.transparency.note.SignerKey;
import eu.sehr.cloud.transparency.note.SigningKeyFile;
import eu.sehr.cloud.transparency.note.TrustedNoteKeys;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static eu.sehr.cloud.support.Resources.closeQuietly;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A witness process ({@code java ... App witness}) beside the service: the service pushes its checkpoints, serves the
 * witness's cosignatures, and the witness refuses a checkpoint (validly signed by the log's key) that contradicts
 * one it cosigned.
 */
@Timeout(180)
class WitnessEndToEndTest {

    private static final String ORIGIN = "sehr-cloud.example/log";
    private static final String WITNESS = "witness.test";

    private static Path dir;
    private static SignerKey logKey;
    private static SignerKey witnessKey;
    private static Process witness;
    private static URI witnessUrl;
    private static Started service;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void a_witness_process_beside_the_service() throws Exception {
        dir = RunningService.tempDir();
        Path serviceDir = Files.createDirectories(dir.resolve("service"));
        Path witnessDir = Files.createDirectories(dir.resolve("witness"));
        logKey = new SigningKeyFile(new SecureRandom()).loadOrGenerate(serviceDir.resolve("log-signing-key"), ORIGIN);
        witnessKey = new SigningKeyFile(new SecureRandom()).loadOrGenerate(witnessDir.resolve("witness-key"), WITNESS);
        int port = FreePorts.take();
        witnessUrl = URI.create("http://127.0.0.1:" + port);
        witness = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), App.class.getName(), "witness",
                "--name", WITNESS, "--state-dir", witnessDir.toString(), "--listen", "127.0.0.1:" + port,
                "--log", ORIGIN + " " + logKey.verifierKey().encoded())
                .directory(new File(System.getProperty("user.dir")))
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("witness.log").toFile())
                .start();
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> post("old 0\n").statusCode() == 400);
        service = Started.start(serviceDir, Map.of("sehr.log.witnesses",
                witnessKey.cosignatureVerifierKey().encoded() + " " + witnessUrl));
    }

    @AfterAll
    static void stop() {
        closeQuietly(service);
        if (witness != null) {
            witness.destroy();
        }
    }

    @Test
    void should_serve_checkpoints_that_the_witness_cosigned() {
        Api api = service.api();
        api.newCitizen();
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).ignoreExceptions().untilAsserted(() -> {
            SignedNote note = SignedNote.parse(api.get("/log/checkpoint", null).expect(200).text());
            new TrustedNoteKeys(List.of(logKey.verifierKey().verifier())).verify(note);
            assertThat(new TrustedNoteKeys(List.of(witnessKey.cosignatureVerifierKey().verifier())).verify(note)
                    .isSignedBy(WITNESS)).isTrue();
            assertThat(Checkpoint.parse(note.text()).size()).isPositive();
        });
    }

    @Test
    void should_have_the_witness_refuse_a_checkpoint_inconsistent_with_one_it_cosigned() {
        Api api = service.api();
        api.newCitizen();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
            long cosigned = Long.parseLong(post("old 999999999\n\n" + forged(1_000_000_000_000L, random32())).body().strip());
            assertThat(cosigned).isPositive();
            // the same size with another root: a fork, signed by the log's own key
            HttpResponse<String> fork = post("old " + cosigned + "\n\n" + forged(cosigned, random32()));
            assertThat(fork.statusCode()).isEqualTo(422);
            assertThat(fork.body()).contains("two different roots");
            // a larger tree that the (made-up) proof cannot show to extend the cosigned one
            String proof = java.util.Base64.getEncoder().encodeToString(random32());
            HttpResponse<String> rewrite = post("old " + cosigned + "\n" + proof + "\n\n" + forged(cosigned + 1, random32()));
            assertThat(rewrite.statusCode()).isEqualTo(422);
        });
        // the witness still cosigns what the honest log publishes next
        api.newCitizen();
        long before = Checkpoint.parse(SignedNote.parse(api.get("/log/checkpoint", null).text()).text()).size();
        await().atMost(Duration.ofSeconds(20)).ignoreExceptions().untilAsserted(() -> {
            SignedNote note = SignedNote.parse(api.get("/log/checkpoint", null).expect(200).text());
            assertThat(Checkpoint.parse(note.text()).size()).isGreaterThan(before - 1);
            assertThat(new TrustedNoteKeys(List.of(witnessKey.cosignatureVerifierKey().verifier())).verify(note)
                    .isSignedBy(WITNESS)).isTrue();
        });
    }

    private static String forged(long size, byte[] root) {
        String text = new Checkpoint(ORIGIN, size, size == 0 ? MerkleHash.emptyTree() : root).text();
        return SignedNote.sign(text, List.of(logKey.noteSigner())).format();
    }

    private static byte[] random32() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }

    private static HttpResponse<String> post(String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(witnessUrl.resolve("/add-checkpoint"))
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(), HttpResponse.BodyHandlers.ofString());
    }


}
