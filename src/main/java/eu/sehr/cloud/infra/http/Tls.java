package eu.sehr.cloud.infra.http;

import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import eu.sehr.cloud.infra.ConfigurationException;
import eu.sehr.cloud.infra.Settings;
import eu.sehr.cloud.security.PemFiles;
import org.apache.camel.support.jsse.KeyManagersParameters;
import org.apache.camel.support.jsse.KeyStoreParameters;
import org.apache.camel.support.jsse.SSLContextParameters;

/**
 * Optional HTTPS: {@code sehr.tls.cert-file} (PEM, the server certificate first, then its chain) and
 * {@code sehr.tls.key-file} (PEM private key) become the SSL context of the HTTP server. The key stays in memory.
 */
public final class Tls {

    private Tls() {
    }

    /** The server's SSL context, or empty when TLS is not configured (both files, or neither). */
    public static Optional<SSLContextParameters> fromSettings(Settings settings) {
        Optional<String> certFile = settings.find("sehr.tls.cert-file");
        Optional<String> keyFile = settings.find("sehr.tls.key-file");
        if (certFile.isEmpty() && keyFile.isEmpty()) {
            return Optional.empty();
        }
        if (certFile.isEmpty() || keyFile.isEmpty()) {
            throw new ConfigurationException("TLS needs both sehr.tls.cert-file and sehr.tls.key-file");
        }
        try {
            List<X509Certificate> chain = PemFiles.readCertificates(Path.of(certFile.get()));
            PrivateKey key = PemFiles.readPrivateKey(Path.of(keyFile.get()));
            if (chain.isEmpty()) {
                throw new ConfigurationException("no certificate in " + certFile.get());
            }
            char[] password = randomPassword();
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("sehr", key, password, chain.toArray(new X509Certificate[0]));
            KeyStoreParameters keyStore = new KeyStoreParameters();
            keyStore.setKeyStore(store);
            keyStore.setPassword(new String(password));
            KeyManagersParameters keyManagers = new KeyManagersParameters();
            keyManagers.setKeyStore(keyStore);
            keyManagers.setKeyPassword(new String(password));
            SSLContextParameters context = new SSLContextParameters();
            context.setKeyManagers(keyManagers);
            context.setSecureSocketProtocol("TLSv1.3");
            return Optional.of(context);
        } catch (ConfigurationException e) {
            throw e;
        } catch (Exception e) {
            throw new ConfigurationException("cannot read the TLS certificate or key: " + e.getClass().getSimpleName());
        }
    }

    private static char[] randomPassword() {
        byte[] random = new byte[16];
        new SecureRandom().nextBytes(random);
        return HexFormat.of().formatHex(random).toCharArray();
    }
}
