package eu.sehr.cloud.transparency.note;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * One signature line of a signed note, {@code — <key name> <base64(4-byte key ID || signature)>}: who claims to
 * have signed (name and key ID) and the signature bytes, not yet checked.
 */
public record NoteSignature(String name, int keyId, byte[] signature) {

    /** The em dash (U+2014) and space that start every signature line. */
    public static final String LINE_PREFIX = "\u2014 ";

    public NoteSignature {
        KeyNames.requireValid(name);
        Objects.requireNonNull(signature, "signature");
        if (signature.length == 0) {
            throw new NoteFormatException("a signature line carries a signature");
        }
        signature = signature.clone();
    }

    /** Signs {@code noteText} (which must end in a newline) with {@code signer}. */
    public static NoteSignature create(String noteText, NoteSigner signer) {
        return new NoteSignature(signer.name(), signer.keyId(), signer.sign(noteText.getBytes(StandardCharsets.UTF_8)));
    }

    /** Parses one signature line, without its final newline. */
    public static NoteSignature parseLine(String line) {
        if (!line.startsWith(LINE_PREFIX)) {
            throw new NoteFormatException("a signature line starts with an em dash and a space");
        }
        String rest = line.substring(LINE_PREFIX.length());
        int space = rest.indexOf(' ');
        if (space < 0) {
            throw new NoteFormatException("a signature line is: em dash, space, name, space, signature");
        }
        byte[] decoded = StrictBase64.decode(rest.substring(space + 1));
        if (decoded.length < 5) {
            throw new NoteFormatException("a signature holds a 4-byte key ID and a signature");
        }
        return new NoteSignature(rest.substring(0, space), ByteBuffer.wrap(decoded).getInt(),
                Arrays.copyOfRange(decoded, 4, decoded.length));
    }

    /** The signature line, with its final newline. */
    public String line() {
        byte[] encoded = ByteBuffer.allocate(4 + signature.length).putInt(keyId).put(signature).array();
        return LINE_PREFIX + name + " " + StrictBase64.encode(encoded) + "\n";
    }

    @Override
    public byte[] signature() {
        return signature.clone();
    }

    /** Whether this line claims to be by {@code verifier}'s key (same name and key ID). */
    public boolean isBy(NoteVerifier verifier) {
        return verifier.name().equals(name) && verifier.keyId() == keyId;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof NoteSignature that && that.name.equals(name) && that.keyId == keyId
                && Arrays.equals(that.signature, signature);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, keyId) * 31 + Arrays.hashCode(signature);
    }

    @Override
    public String toString() {
        return line().strip();
    }
}
