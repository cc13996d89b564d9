package eu.sehr.cloud.transparency.note;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The text of a c2sp.org/tlog-checkpoint: origin line, tree size line (decimal, no leading zero), root hash line
 * (base64 of the 32-byte RFC 6962/9162 root), then optional non-empty extension lines, each ending in a newline.
 *
 * <p>This is the statement a log signs and witnesses cosign; {@link #text()} is exactly the note text, and
 * {@link #parse(String)} accepts exactly what {@link #text()} can produce.
 */
public record Checkpoint(String origin, long size, byte[] rootHash, List<String> extensions) {

    private static final Pattern SIZE = Pattern.compile("0|[1-9][0-9]{0,18}");
    private static final int HASH_SIZE = 32;

    public Checkpoint {
        requireLine(origin, "origin");
        if (size < 0) {
            throw new NoteFormatException("a tree size cannot be negative");
        }
        Objects.requireNonNull(rootHash, "rootHash");
        if (rootHash.length != HASH_SIZE) {
            throw new NoteFormatException("a root hash is " + HASH_SIZE + " bytes, not " + rootHash.length);
        }
        rootHash = rootHash.clone();
        extensions.forEach(line -> requireLine(line, "extension line"));
        extensions = List.copyOf(extensions);
    }

    public Checkpoint(String origin, long size, byte[] rootHash) {
        this(origin, size, rootHash, List.of());
    }

    /** Parses a checkpoint note text; throws {@link NoteFormatException} unless it is exactly well formed. */
    public static Checkpoint parse(String text) {
        if (!text.endsWith("\n")) {
            throw new NoteFormatException("a checkpoint ends with a newline");
        }
        String[] lines = text.substring(0, text.length() - 1).split("\n", -1);
        if (lines.length < 3) {
            throw new NoteFormatException("a checkpoint has an origin, a size and a root hash line");
        }
        if (!SIZE.matcher(lines[1]).matches()) {
            throw new NoteFormatException("a tree size is a decimal number without leading zeroes, not \"" + lines[1] + "\"");
        }
        long size;
        try {
            size = Long.parseLong(lines[1]);
        } catch (NumberFormatException e) {
            throw new NoteFormatException("tree size " + lines[1] + " is too large");
        }
        return new Checkpoint(lines[0], size, StrictBase64.decode(lines[2]),
                new ArrayList<>(Arrays.asList(lines).subList(3, lines.length)));
    }

    /** The checkpoint as note text. */
    public String text() {
        StringBuilder text = new StringBuilder(origin).append('\n').append(size).append('\n')
                .append(StrictBase64.encode(rootHash)).append('\n');
        extensions.forEach(line -> text.append(line).append('\n'));
        return text.toString();
    }

    @Override
    public byte[] rootHash() {
        return rootHash.clone();
    }

    private static void requireLine(String line, String what) {
        if (line == null || line.isEmpty()) {
            throw new NoteFormatException("a checkpoint " + what + " is not empty");
        }
        if (line.chars().anyMatch(c -> c < 0x20)) {
            throw new NoteFormatException("a checkpoint " + what + " has no control character");
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Checkpoint that && that.origin.equals(origin) && that.size == size
                && Arrays.equals(that.rootHash, rootHash) && that.extensions.equals(extensions);
    }

    @Override
    public int hashCode() {
        return Objects.hash(origin, size, extensions) * 31 + Arrays.hashCode(rootHash);
    }

    @Override
    public String toString() {
        return "Checkpoint[" + text().replace('\n', ' ').strip() + "]";
    }
}
