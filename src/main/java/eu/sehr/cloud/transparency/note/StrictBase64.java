package eu.sehr.cloud.transparency.note;

import java.util.Base64;

/**
 * Standard base64 (RFC 4648 section 4) that accepts only the one canonical encoding of each byte string: with
 * its padding, and no stray bits in the last character. The JDK decoder alone also accepts unpadded text, and
 * accepting two spellings of the same hash or signature is how two parsers come to disagree.
 */
public final class StrictBase64 {

    private StrictBase64() {
    }

    /** The bytes {@code text} encodes; throws {@link NoteFormatException} unless it is canonical base64. */
    public static byte[] decode(String text) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new NoteFormatException("not base64: \"" + text + "\"");
        }
        if (!Base64.getEncoder().encodeToString(bytes).equals(text)) {
            throw new NoteFormatException("not canonical base64: \"" + text + "\"");
        }
        return bytes;
    }

    public static String encode(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }
}
