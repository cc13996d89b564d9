package eu.sehr.cloud.transparency.note;

/**
 * The c2sp.org/signed-note rule for key names: non-empty, no Unicode space, no plus sign (the separator of
 * verifier keys), and, like the whole note, no ASCII control character.
 */
public final class KeyNames {

    private KeyNames() {
    }

    /** Whether {@code name} may be used as a key name. */
    public static boolean isValid(String name) {
        if (name == null || name.isEmpty()) {
            return false;
        }
        return name.codePoints().noneMatch(c -> c == '+' || c < 0x20 || isUnicodeSpace(c));
    }

    /** Returns {@code name}, or throws {@link NoteFormatException} if it is not a valid key name. */
    public static String requireValid(String name) {
        if (!isValid(name)) {
            throw new NoteFormatException("not a valid key name: \"" + name + "\"");
        }
        return name;
    }

    /** Unicode White_Space: what Go's unicode.IsSpace, used by the reference implementation, matches. */
    private static boolean isUnicodeSpace(int c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c) || c == 0x85;
    }
}
