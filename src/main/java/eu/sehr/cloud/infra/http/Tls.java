package eu.sehr.cloud.infra.http;

import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.KeyManagerFactory;

import eu.sehr.cloud.infra.ConfigurationException;
import eu.sehr.cloud.infra.Settings;
import eu.sehr.cloud.security.PemFiles;
import io.vertx.core.net.KeyCertOptions;

/**
 * Optional HTTPS: {@code sehr.tls.cert-file} (PEM, the server certificate first, then its chain) and
 * {@code sehr.tls.key-file} (PEM private key) become the server's key material. The key stays in memory.
 */
public final class Tls {

    private Tls() {
    }

    /** The server's key and certificate chain, or empty when TLS is not configured (both files, or neither). */
    public static Optional<KeyCertOptions> fromSettings(Settings settings) {
        Optional<String> certFile = settings.find("sehr.tls.cert-file");
        Optional<String> keyFile = settings.find("sehr.tls.key-file");
        if (certFile.isEmpty() && keyFile.isEmpty()) {
            return Optional.empty();
        }
        if (certFile.isEmpty() || keyFile.isEmpty()) {
            throw new ConfigurationException("TLS needs both sehr.tls.cert-file and sehr.tls.key-file");
        }
        List<X509Certificate> chain = read(certFile.get(), () -> PemFiles.readCertificates(Path.of(certFile.get())));
        PrivateKey key = read(keyFile.get(), () -> PemFiles.readPrivateKey(Path.of(keyFile.get())));
        if (chain.isEmpty()) {
            throw new ConfigurationException("no certificate in " + certFile.get());
        }
        try {
            char[] password = randomPassword();
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("sehr", key, password, chain.toArray(new X509Certificate[0]));
            KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keyManagers.init(store, password);
            return Optional.of(KeyCertOptions.wrap(keyManagers));
        } catch (Exception e) {
            throw new ConfigurationException("the TLS key does not match a usable certificate ("
                    + e.getClass().getSimpleName() + ")");
        }
    }

    private static <T> T read(String file, PemReader<T> reader) {
        try {
            return reader.read();
        } catch (Exception e) {
            throw new ConfigurationException("cannot read the TLS file " + file + " (" + e.getClass().getSimpleName() + ")");
        }
    }

    private interface PemReader<T> {
        T read() throws Exception;
    }

    private static char[] randomPassword() {
        char[] password = new char[24];
        SecureRandom random = new SecureRandom();
        for (int i = 0; i < password.length; i++) {
            password[i] = (char) ('a' + random.nextInt(26));
        }
        return password;
    }
}
