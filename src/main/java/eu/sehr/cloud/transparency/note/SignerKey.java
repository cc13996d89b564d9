package eu.sehr.cloud.transparency.note;

import java.security.KeyPair;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Arrays;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An Ed25519 private key with its key name, stored as text in the format of Go's golang.org/x/mod/sumdb/note
 * (also read by the transparency-dev witness tools): {@code PRIVATE+KEY+<name>+<hex key ID>+<base64(0x01 || 32-byte
 * seed)>}, where the key ID is the Ed25519 (type 0x01) key ID of the name and public key.
 *
 * <p>The same key can sign plain notes (a log's checkpoints) or, with a different key ID, cosignature/v1
 * cosignatures (a witness); {@link #toString()} never shows the seed.
 */
public record SignerKey(String name, byte[] seed) {

    private static final String PREFIX = "PRIVATE+KEY+";
    private static final Pattern KEY_ID = Pattern.compile("[0-9a-f]{8}");

    public SignerKey {
        KeyNames.requireValid(name);
        Objects.requireNonNull(seed, "seed");
        if (seed.length != Ed25519.KEY_SIZE) {
            throw new NoteFormatException("an Ed25519 seed is " + Ed25519.KEY_SIZE + " bytes");
        }
        seed = seed.clone();
    }

    /** A new random key. */
    public static SignerKey generate(String name, SecureRandom random) {
        byte[] seed = new byte[Ed25519.KEY_SIZE];
        random.nextBytes(seed);
        return new SignerKey(name, seed);
    }

    /** Parses the stored form; throws {@link NoteFormatException} if it is malformed or its key ID is wrong. */
    public static SignerKey parse(String encoded) {
        if (!encoded.startsWith(PREFIX)) {
            throw new NoteFormatException("a private key starts with " + PREFIX);
        }
        String[] parts = encoded.substring(PREFIX.length()).split("\\+", 3);
        if (parts.length != 3 || !KEY_ID.matcher(parts[1]).matches()) {
            throw new NoteFormatException("a private key is PRIVATE+KEY+name+keyid+key");
        }
        byte[] typed = StrictBase64.decode(parts[2]);
        if (typed.length != 1 + Ed25519.KEY_SIZE || typed[0] != VerifierKey.ED25519) {
            throw new NoteFormatException("a private key holds 0x01 and a 32-byte Ed25519 seed");
        }
        SignerKey key = new SignerKey(parts[0], Arrays.copyOfRange(typed, 1, typed.length));
        if (Integer.parseUnsignedInt(parts[1], 16) != key.verifierKey().keyId()) {
            throw new NoteFormatException("the key ID of private key " + parts[0] + " does not match its key");
        }
        return key;
    }

    /** The stored form. */
    public String encoded() {
        byte[] typed = new byte[1 + seed.length];
        typed[0] = VerifierKey.ED25519;
        System.arraycopy(seed, 0, typed, 1, seed.length);
        return PREFIX + name + "+" + VerifierKey.hex(verifierKey().keyId()) + "+" + StrictBase64.encode(typed);
    }

    @Override
    public byte[] seed() {
        return seed.clone();
    }

    /** The raw 32-byte Ed25519 public key. */
    public byte[] publicKey() {
        return Ed25519.rawPublicKey(keyPair().getPublic());
    }

    /** The vkey that checks this key's plain note signatures. */
    public VerifierKey verifierKey() {
        return VerifierKey.ed25519(name, publicKey());
    }

    /** The vkey that checks this key's cosignature/v1 cosignatures. */
    public VerifierKey cosignatureVerifierKey() {
        return VerifierKey.cosignatureV1(name, publicKey());
    }

    /** A signer of plain Ed25519 note signatures (type 0x01). */
    public NoteSigner noteSigner() {
        return new Ed25519NoteSigner(name, keyPair());
    }

    /** A signer of cosignature/v1 cosignatures (type 0x04), timestamped by {@code clock}. */
    public NoteSigner cosigner(Clock clock) {
        return new CosignatureV1Signer(name, keyPair(), clock);
    }

    KeyPair keyPair() {
        return Ed25519.keyPairFromSeed(seed);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SignerKey key && key.name.equals(name) && Arrays.equals(key.seed, seed);
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + Arrays.hashCode(seed);
    }

    @Override
    public String toString() {
        return "SignerKey[" + verifierKey().encoded() + "]";
    }
}
