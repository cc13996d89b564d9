package eu.sehr.cloud.transparency.note;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A c2sp.org/signed-note: a text ending in a newline, a blank line, then one or more signature lines. Parsing
 * is strict (valid UTF-8, no control character but newline, every signature line well formed) and checks no
 * signature: that is {@link TrustedNoteKeys}'s job.
 */
public record SignedNote(String text, List<NoteSignature> signatures) {

    /**
     * At most this many signature lines are read. The spec asks verifiers to accept at least 16; 100 is what the
     * Go reference implementation allows.
     */
    public static final int MAX_SIGNATURES = 100;

    public SignedNote {
        requireNoteText(text);
        if (signatures.isEmpty() || signatures.size() > MAX_SIGNATURES) {
            throw new NoteFormatException("a signed note has between 1 and " + MAX_SIGNATURES + " signatures");
        }
        signatures = List.copyOf(signatures);
    }

    /** Signs {@code text} with every signer, in order. */
    public static SignedNote sign(String text, List<NoteSigner> signers) {
        requireNoteText(text);
        List<NoteSignature> signatures = new ArrayList<>();
        for (NoteSigner signer : signers) {
            signatures.add(NoteSignature.create(text, signer));
        }
        return new SignedNote(text, signatures);
    }

    /** Parses a signed note from its bytes; throws {@link NoteFormatException} if it is malformed. */
    public static SignedNote parse(byte[] message) {
        try {
            return parse(StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(message)).toString());
        } catch (CharacterCodingException e) {
            throw new NoteFormatException("a signed note is valid UTF-8");
        }
    }

    /** Parses a signed note; throws {@link NoteFormatException} if it is malformed. */
    public static SignedNote parse(String message) {
        requireNoControlCharacters(message);
        int split = message.lastIndexOf("\n\n");
        if (split < 0) {
            throw new NoteFormatException("a signed note has a blank line before its signatures");
        }
        String text = message.substring(0, split + 1);
        String lines = message.substring(split + 2);
        if (lines.isEmpty() || !lines.endsWith("\n")) {
            throw new NoteFormatException("a signed note ends with signature lines, each ending in a newline");
        }
        List<NoteSignature> signatures = new ArrayList<>();
        for (String line : lines.substring(0, lines.length() - 1).split("\n", -1)) {
            if (signatures.size() == MAX_SIGNATURES) {
                throw new NoteFormatException("a signed note has at most " + MAX_SIGNATURES + " signatures");
            }
            signatures.add(NoteSignature.parseLine(line));
        }
        return new SignedNote(text, signatures);
    }

    /** The note as sent: text, blank line, signature lines. */
    public String format() {
        StringBuilder note = new StringBuilder(text).append('\n');
        signatures.forEach(signature -> note.append(signature.line()));
        return note.toString();
    }

    public byte[] bytes() {
        return format().getBytes(StandardCharsets.UTF_8);
    }

    /** This note with more signature lines after its own (an identical line is not repeated). */
    public SignedNote withSignatures(List<NoteSignature> more) {
        List<NoteSignature> all = new ArrayList<>(signatures);
        more.stream().filter(signature -> !all.contains(signature)).forEach(all::add);
        return new SignedNote(text, all);
    }

    private static void requireNoteText(String text) {
        if (text.isEmpty() || !text.endsWith("\n")) {
            throw new NoteFormatException("a note text ends with a newline");
        }
        requireNoControlCharacters(text);
    }

    private static void requireNoControlCharacters(String text) {
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            if (c < 0x20 && c != '\n') {
                throw new NoteFormatException("a signed note has no control character but newline");
            }
            if (Character.getType(c) == Character.SURROGATE) {
                throw new NoteFormatException("a signed note is valid Unicode");
            }
            i += Character.charCount(c);
        }
    }
}
