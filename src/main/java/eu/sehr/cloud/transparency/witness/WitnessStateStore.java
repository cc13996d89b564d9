package eu.sehr.cloud.transparency.witness;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import eu.sehr.cloud.transparency.note.AtomicFiles;
import eu.sehr.cloud.transparency.note.Checkpoint;
import eu.sehr.cloud.transparency.note.NoteFormatException;

/**
 * Keeps each log's {@link LogState} in its own small file in a state directory, named after the lowercase hex
 * SHA-256 of the origin (as the tlog-witness monitoring path names logs) and holding the three checkpoint lines
 * origin, size and root hash. Files are replaced atomically with fsync, so a crash can never roll a log back
 * to an older state or leave a half-written one.
 *
 * <p>One witness process per directory: serialising updates of a log is the {@link Witness}'s job.
 */
public final class WitnessStateStore {

    private final Path directory;

    public WitnessStateStore(Path directory) {
        this.directory = directory;
    }

    /** The state of {@code origin}: as last saved, or {@link LogState#initial(String)} if never saved. */
    public LogState load(String origin) throws IOException {
        Path file = fileOf(origin);
        if (Files.notExists(file)) {
            return LogState.initial(origin);
        }
        Checkpoint stored;
        try {
            stored = Checkpoint.parse(Files.readString(file, StandardCharsets.UTF_8));
        } catch (NoteFormatException e) {
            throw new IOException("witness state " + file + " is corrupt: " + e.getMessage(), e);
        }
        if (!stored.origin().equals(origin) || !stored.extensions().isEmpty()) {
            throw new IOException("witness state " + file + " is not the state of " + origin);
        }
        return new LogState(origin, stored.size(), stored.rootHash());
    }

    /** Replaces the state of {@code state.origin()}, durably, before returning. */
    public void save(LogState state) throws IOException {
        String text = new Checkpoint(state.origin(), state.size(), state.rootHash()).text();
        AtomicFiles.write(fileOf(state.origin()), text.getBytes(StandardCharsets.UTF_8));
    }

    /** The file holding the state of {@code origin}. */
    public Path fileOf(String origin) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(origin.getBytes(StandardCharsets.UTF_8));
            return directory.resolve(HexFormat.of().formatHex(hash) + ".state");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime must provide SHA-256", e);
        }
    }
}
