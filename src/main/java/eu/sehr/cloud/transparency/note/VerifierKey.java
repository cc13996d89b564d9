package eu.sehr.cloud.transparency.note;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A public key in c2sp.org/signed-note "vkey" form, {@code <name>+<hex key ID>+<base64(type || public key)>}:
 * the one string an operator copies into a configuration to trust a log or a witness.
 *
 * <p>Two key types are supported: {@link #ED25519} (0x01, notes such as checkpoints signed by a log) and
 * {@link #COSIGNATURE_V1} (0x04, timestamped Ed25519 witness cosignatures, c2sp.org/tlog-cosignature). The key
 * ID is always checked against the name, type and key it claims to identify.
 */
public record VerifierKey(String name, int keyId, byte type, byte[] publicKey) {

    /** Signature type 0x01: Ed25519 over the note text. */
    public static final byte ED25519 = 0x01;
    /** Signature type 0x04: timestamped Ed25519 checkpoint cosignature, cosignature/v1. */
    public static final byte COSIGNATURE_V1 = 0x04;

    private static final Pattern KEY_ID = Pattern.compile("[0-9a-f]{8}");

    public VerifierKey {
        KeyNames.requireValid(name);
        if (type != ED25519 && type != COSIGNATURE_V1) {
            throw new NoteFormatException("unsupported signature type " + type);
        }
        Objects.requireNonNull(publicKey, "publicKey");
        if (publicKey.length != Ed25519.KEY_SIZE) {
            throw new NoteFormatException("an Ed25519 public key is " + Ed25519.KEY_SIZE + " bytes");
        }
        publicKey = publicKey.clone();
        if (keyId != keyId(name, type, publicKey)) {
            throw new NoteFormatException("key ID " + hex(keyId) + " does not match key " + name);
        }
    }

    public static VerifierKey ed25519(String name, byte[] publicKey) {
        return new VerifierKey(name, keyId(name, ED25519, publicKey), ED25519, publicKey);
    }

    public static VerifierKey cosignatureV1(String name, byte[] publicKey) {
        return new VerifierKey(name, keyId(name, COSIGNATURE_V1, publicKey), COSIGNATURE_V1, publicKey);
    }

    /** Parses a vkey string; throws {@link NoteFormatException} if anything in it is off. */
    public static VerifierKey parse(String vkey) {
        int first = vkey.indexOf('+');
        int second = first < 0 ? -1 : vkey.indexOf('+', first + 1);
        if (second < 0) {
            throw new NoteFormatException("a verifier key is name+keyid+key");
        }
        String keyId = vkey.substring(first + 1, second);
        if (!KEY_ID.matcher(keyId).matches()) {
            throw new NoteFormatException("a key ID is 8 lowercase hex digits, not \"" + keyId + "\"");
        }
        byte[] typed = StrictBase64.decode(vkey.substring(second + 1));
        if (typed.length < 1) {
            throw new NoteFormatException("a verifier key has a signature type");
        }
        return new VerifierKey(vkey.substring(0, first), Integer.parseUnsignedInt(keyId, 16), typed[0],
                Arrays.copyOfRange(typed, 1, typed.length));
    }

    /** SHA-256(name || 0x0A || type || public key), first four bytes, big-endian. */
    public static int keyId(String name, byte type, byte[] publicKey) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(name.getBytes(StandardCharsets.UTF_8));
            sha256.update((byte) '\n');
            sha256.update(type);
            sha256.update(publicKey);
            return ByteBuffer.wrap(sha256.digest()).getInt();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime must provide SHA-256", e);
        }
    }

    /** The vkey string. */
    public String encoded() {
        byte[] typed = new byte[1 + publicKey.length];
        typed[0] = type;
        System.arraycopy(publicKey, 0, typed, 1, publicKey.length);
        return name + "+" + hex(keyId) + "+" + StrictBase64.encode(typed);
    }

    /** The verifier for signatures of this key and type. */
    public NoteVerifier verifier() {
        return type == ED25519 ? new Ed25519NoteVerifier(this) : new CosignatureV1Verifier(this);
    }

    @Override
    public byte[] publicKey() {
        return publicKey.clone();
    }

    static String hex(int keyId) {
        return HexFormat.of().toHexDigits(keyId);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof VerifierKey key && key.keyId == keyId && key.type == type && key.name.equals(name)
                && Arrays.equals(key.publicKey, publicKey);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, keyId, type) * 31 + Arrays.hashCode(publicKey);
    }

    @Override
    public String toString() {
        return encoded();
    }
}
