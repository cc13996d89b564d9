package eu.sehr.cloud.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import eu.sehr.cloud.infra.ConfigurationException;
import eu.sehr.cloud.infra.Settings;
import org.jose4j.jwk.EllipticCurveJsonWebKey;
import org.jose4j.jwk.EcJwkGenerator;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.keys.EllipticCurves;
import org.jose4j.lang.JoseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ES256 key that signs every token the service issues. It is read from a JWK file; the embedded default
 * generates one on first start and keeps it (owner-readable only) so that tokens survive a restart.
 */
public final class SigningKey {

    private static final Logger LOG = LoggerFactory.getLogger(SigningKey.class);

    private final EllipticCurveJsonWebKey key;

    SigningKey(EllipticCurveJsonWebKey key) {
        this.key = key;
    }

    /** The key of {@code sehr.token.signing-key-file}, or the one generated once in the data dir. */
    public static SigningKey fromSettings(Settings settings) {
        return loadOrCreate(settings.find("sehr.token.signing-key-file").map(Path::of)
                .orElse(settings.dataDir().resolve("token-signing-key.jwk")));
    }

    public static SigningKey loadOrCreate(Path file) {
        try {
            if (Files.exists(file)) {
                return new SigningKey(read(file));
            }
            EllipticCurveJsonWebKey key = generate();
            Files.createDirectories(file.toAbsolutePath().getParent());
            createOwnerOnly(file);
            Files.writeString(file, key.toJson(JsonWebKey.OutputControlLevel.INCLUDE_PRIVATE), StandardCharsets.UTF_8);
            LOG.info("Generated a new token signing key (kid {}) in {}", key.getKeyId(), file);
            return new SigningKey(key);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write the signing key file " + file, e);
        }
    }

    public static SigningKey generated() {
        return new SigningKey(generate());
    }

    EllipticCurveJsonWebKey jwk() {
        return key;
    }

    public String keyId() {
        return key.getKeyId();
    }

    /** The public half as a JWK Set document, for {@code GET /.well-known/jwks.json}. */
    public String publicJwks() {
        return new JsonWebKeySet(publicOnly()).toJson();
    }

    private JsonWebKey publicOnly() {
        try {
            JsonWebKey publicKey = JsonWebKey.Factory.newJwk(key.getPublicKey());
            publicKey.setKeyId(key.getKeyId());
            publicKey.setAlgorithm(key.getAlgorithm());
            publicKey.setUse("sig");
            return publicKey;
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    private static EllipticCurveJsonWebKey read(Path file) throws IOException {
        try {
            JsonWebKey jwk = JsonWebKey.Factory.newJwk(Files.readString(file, StandardCharsets.UTF_8));
            if (!(jwk instanceof EllipticCurveJsonWebKey ec) || ec.getPrivateKey() == null
                    || !EllipticCurves.P256.equals(ec.getECPublicKey().getParams())) {
                throw new ConfigurationException("the signing key file " + file + " must hold a private P-256 EC JWK");
            }
            if (ec.getKeyId() == null) {
                ec.setKeyId(ec.calculateBase64urlEncodedThumbprint("SHA-256"));
            }
            ec.setAlgorithm("ES256");
            return ec;
        } catch (JoseException e) {
            throw new ConfigurationException("the signing key file " + file + " is not a valid JWK");
        }
    }

    private static EllipticCurveJsonWebKey generate() {
        try {
            EllipticCurveJsonWebKey key = EcJwkGenerator.generateJwk(EllipticCurves.P256);
            key.setKeyId(key.calculateBase64urlEncodedThumbprint("SHA-256"));
            key.setAlgorithm("ES256");
            return key;
        } catch (JoseException e) {
            throw new IllegalStateException("cannot generate an ES256 key", e);
        }
    }

    /** Creates the file readable by its owner only before the key is written into it (never readable by others). */
    private static void createOwnerOnly(Path file) throws IOException {
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            LOG.warn("Cannot restrict the permissions of {} on this file system", file);
            Files.createFile(file);
        }
    }
}
