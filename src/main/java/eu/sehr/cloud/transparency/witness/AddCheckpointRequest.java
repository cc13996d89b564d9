package eu.sehr.cloud.transparency.witness;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import eu.sehr.cloud.transparency.note.NoteFormatException;
import eu.sehr.cloud.transparency.note.StrictBase64;

/**
 * The body of a c2sp.org/tlog-witness {@code add-checkpoint} request: {@code old <size>}, up to 63 consistency
 * proof hashes in base64 (one per line), an empty line, then the signed checkpoint note (kept as bytes: the
 * witness parses and verifies it). Both sides use it: the log formats it, the witness parses it.
 */
public record AddCheckpointRequest(long oldSize, List<byte[]> consistencyProof, byte[] checkpoint) {

    /** The spec's limit on proof lines (a proof between sizes below 2^63 never needs more). */
    public static final int MAX_PROOF_LINES = 63;

    private static final Pattern OLD_LINE = Pattern.compile("old (0|[1-9][0-9]{0,18})");
    private static final int HASH_SIZE = 32;

    public AddCheckpointRequest {
        if (oldSize < 0) {
            throw new MalformedRequestException("the old size cannot be negative");
        }
        if (consistencyProof.size() > MAX_PROOF_LINES) {
            throw new MalformedRequestException("at most " + MAX_PROOF_LINES + " consistency proof lines");
        }
        List<byte[]> copies = new ArrayList<>(consistencyProof.size());
        for (byte[] hash : consistencyProof) {
            if (hash == null || hash.length != HASH_SIZE) {
                throw new MalformedRequestException("a consistency proof line holds a " + HASH_SIZE + "-byte hash");
            }
            copies.add(hash.clone());
        }
        consistencyProof = List.copyOf(copies);
        Objects.requireNonNull(checkpoint, "checkpoint");
        if (checkpoint.length == 0) {
            throw new MalformedRequestException("the request ends with a checkpoint");
        }
        checkpoint = checkpoint.clone();
    }

    /** Parses a request body; throws {@link MalformedRequestException} unless it is exactly well formed. */
    public static AddCheckpointRequest parse(byte[] body) {
        int position = 0;
        int end = lineEnd(body, position);
        Matcher old = OLD_LINE.matcher(ascii(body, position, end));
        if (!old.matches()) {
            throw new MalformedRequestException("the request starts with \"old <size>\"");
        }
        long oldSize;
        try {
            oldSize = Long.parseLong(old.group(1));
        } catch (NumberFormatException e) {
            throw new MalformedRequestException("old size " + old.group(1) + " is too large");
        }
        List<byte[]> proof = new ArrayList<>();
        while (true) {
            position = end + 1;
            end = lineEnd(body, position);
            if (end == position) {
                break;
            }
            if (proof.size() == MAX_PROOF_LINES) {
                throw new MalformedRequestException("at most " + MAX_PROOF_LINES + " consistency proof lines");
            }
            try {
                proof.add(StrictBase64.decode(ascii(body, position, end)));
            } catch (NoteFormatException e) {
                throw new MalformedRequestException("a consistency proof line is one base64 hash: " + e.getMessage());
            }
        }
        return new AddCheckpointRequest(oldSize, proof, Arrays.copyOfRange(body, end + 1, body.length));
    }

    /** The request body. */
    public byte[] format() {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("old " + oldSize + "\n").getBytes(StandardCharsets.US_ASCII));
        consistencyProof.forEach(hash -> body.writeBytes((StrictBase64.encode(hash) + "\n").getBytes(StandardCharsets.US_ASCII)));
        body.write('\n');
        body.writeBytes(checkpoint);
        return body.toByteArray();
    }

    @Override
    public List<byte[]> consistencyProof() {
        return consistencyProof.stream().map(byte[]::clone).toList();
    }

    @Override
    public byte[] checkpoint() {
        return checkpoint.clone();
    }

    private static int lineEnd(byte[] body, int start) {
        for (int i = start; i < body.length; i++) {
            if (body[i] == '\n') {
                return i;
            }
        }
        throw new MalformedRequestException("the old size and proof lines end with an empty line before the checkpoint");
    }

    private static String ascii(byte[] body, int start, int end) {
        return new String(body, start, end - start, StandardCharsets.ISO_8859_1);
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof AddCheckpointRequest that) || that.oldSize != oldSize
                || that.consistencyProof.size() != consistencyProof.size() || !Arrays.equals(that.checkpoint, checkpoint)) {
            return false;
        }
        for (int i = 0; i < consistencyProof.size(); i++) {
            if (!Arrays.equals(that.consistencyProof.get(i), consistencyProof.get(i))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int result = Long.hashCode(oldSize) * 31 + Arrays.hashCode(checkpoint);
        for (byte[] hash : consistencyProof) {
            result = 31 * result + Arrays.hashCode(hash);
        }
        return result;
    }

    @Override
    public String toString() {
        return "AddCheckpointRequest[old=" + oldSize + ", proof=" + consistencyProof.size() + " hashes, checkpoint="
                + new String(checkpoint, StandardCharsets.UTF_8).lines().limit(2).toList() + "]";
    }
}
