package eu.sehr.cloud.transparency.note;

import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.SignatureException;
import java.security.interfaces.EdECPrivateKey;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.NamedParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.function.UnaryOperator;

/**
 * Ed25519 (RFC 8032) reduced to what notes need: keys as raw 32-byte strings, as notes carry them.
 *
 * <p>The JDK cannot derive a public key from a seed directly, so {@link #keyPairFromSeed(byte[])} hands the seed
 * to the key pair generator as its randomness (the generator draws exactly the 32-byte private key from it) and
 * then checks that the private key it got is that seed.
 */
final class Ed25519 {

    static final int KEY_SIZE = 32;
    static final int SIGNATURE_SIZE = 64;

    /** The DER prefix of an X.509 SubjectPublicKeyInfo holding an Ed25519 key (RFC 8410). */
    private static final byte[] PUBLIC_KEY_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");

    private Ed25519() {
    }

    static KeyPair keyPairFromSeed(byte[] seed) {
        if (seed.length != KEY_SIZE) {
            throw new IllegalArgumentException("an Ed25519 seed is " + KEY_SIZE + " bytes");
        }
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("Ed25519");
            generator.initialize(NamedParameterSpec.ED25519, new SeedAsRandomness(seed));
            KeyPair pair = generator.generateKeyPair();
            byte[] privateKey = ((EdECPrivateKey) pair.getPrivate()).getBytes().orElseThrow();
            if (!Arrays.equals(privateKey, seed)) {
                throw new IllegalStateException("this Java runtime does not derive Ed25519 keys from a seed");
            }
            return pair;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 is not available", e);
        }
    }

    static byte[] rawPublicKey(PublicKey key) {
        byte[] encoded = key.getEncoded();
        if (encoded.length != PUBLIC_KEY_PREFIX.length + KEY_SIZE
                || !Arrays.equals(encoded, 0, PUBLIC_KEY_PREFIX.length, PUBLIC_KEY_PREFIX, 0, PUBLIC_KEY_PREFIX.length)) {
            throw new IllegalArgumentException("not an Ed25519 public key");
        }
        return Arrays.copyOfRange(encoded, PUBLIC_KEY_PREFIX.length, encoded.length);
    }

    /** The public key for 32 raw bytes; throws {@link NoteFormatException} if they are not one. */
    static PublicKey publicKey(byte[] raw) {
        if (raw.length != KEY_SIZE) {
            throw new NoteFormatException("an Ed25519 public key is " + KEY_SIZE + " bytes, not " + raw.length);
        }
        byte[] encoded = Arrays.copyOf(PUBLIC_KEY_PREFIX, PUBLIC_KEY_PREFIX.length + KEY_SIZE);
        System.arraycopy(raw, 0, encoded, PUBLIC_KEY_PREFIX.length, KEY_SIZE);
        try {
            return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(encoded));
        } catch (InvalidKeySpecException e) {
            throw new NoteFormatException("not an Ed25519 public key: " + e.getMessage());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 is not available", e);
        }
    }

    /**
     * Signs with BouncyCastle's RFC 8032 code, the same deterministic signature as the JDK's, about twenty times
     * faster on JDK 17 (whose Ed25519 is the largest cost of an audited request: a receipt per stored event).
     */
    static byte[] sign(PrivateKey key, byte[] message) {
        byte[] seed = seed(key);
        byte[] signature = new byte[SIGNATURE_SIZE];
        org.bouncycastle.math.ec.rfc8032.Ed25519.sign(seed, 0, message, 0, message.length, signature, 0);
        Arrays.fill(seed, (byte) 0);
        return signature;
    }

    /** Signs many messages with one key pair, its public key taken as it is rather than derived per signature. */
    static UnaryOperator<byte[]> signer(KeyPair pair) {
        byte[] seed = seed(pair.getPrivate());
        byte[] publicKey = rawPublicKey(pair.getPublic());
        return message -> {
            byte[] signature = new byte[SIGNATURE_SIZE];
            org.bouncycastle.math.ec.rfc8032.Ed25519.sign(seed, 0, publicKey, 0, message, 0, message.length, signature, 0);
            return signature;
        };
    }

    private static byte[] seed(PrivateKey key) {
        if (!(key instanceof EdECPrivateKey edKey) || !NamedParameterSpec.ED25519.getName().equals(edKey.getParams().getName())) {
            throw new IllegalStateException("Ed25519 signing failed: not an Ed25519 private key");
        }
        return edKey.getBytes().orElseThrow(() -> new IllegalStateException("Ed25519 signing failed: no key bytes"));
    }

    /** Whether {@code signature} is a valid signature of {@code message}; false for anything malformed. */
    static boolean verify(PublicKey key, byte[] message, byte[] signature) {
        if (signature.length != SIGNATURE_SIZE) {
            return false;
        }
        try {
            Signature verifier = Signature.getInstance("Ed25519");
            verifier.initVerify(key);
            verifier.update(message);
            return verifier.verify(signature);
        } catch (SignatureException | InvalidKeyException e) {
            return false;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 is not available", e);
        }
    }

    /** Randomness that is the seed: the key pair generator's only draw becomes the private key. */
    private static final class SeedAsRandomness extends SecureRandom {

        private static final long serialVersionUID = 1L;
        private final byte[] seed;

        SeedAsRandomness(byte[] seed) {
            this.seed = seed.clone();
        }

        @Override
        public void nextBytes(byte[] bytes) {
            if (bytes.length != seed.length) {
                throw new IllegalStateException("expected a draw of " + seed.length + " bytes, not " + bytes.length);
            }
            System.arraycopy(seed, 0, bytes, 0, seed.length);
        }
    }
}
