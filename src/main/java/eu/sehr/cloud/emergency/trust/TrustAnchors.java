package eu.sehr.cloud.emergency.trust;

import eu.sehr.cloud.security.PemFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

import eu.sehr.cloud.infra.ConfigurationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The CA certificates that HCO certificate chains must lead to ({@code sehr.hco.trust-anchors}), and the optional
 * certificate revocation lists that enable revocation checking. No anchors means no HCO is trusted.
 */
public final class TrustAnchors {

    private static final Logger LOG = LoggerFactory.getLogger(TrustAnchors.class);
    private static final List<String> CERTIFICATE_FILES = List.of(".pem", ".crt");
    private static final List<String> CRL_FILES = List.of(".pem", ".crl");

    private final List<X509Certificate> certificates;
    private final List<X509CRL> crls;

    private TrustAnchors(List<X509Certificate> certificates, List<X509CRL> crls) {
        this.certificates = List.copyOf(certificates);
        this.crls = List.copyOf(crls);
    }

    /** Trusts no HCO at all. */
    public static TrustAnchors none() {
        return new TrustAnchors(List.of(), List.of());
    }

    /** Trusts chains leading to these CA certificates; revocation is not checked. */
    public static TrustAnchors of(List<X509Certificate> certificates) {
        return new TrustAnchors(certificates, List.of());
    }

    /** Trusts chains leading to these CA certificates; every issuer in a chain must have a current CRL among these. */
    public static TrustAnchors of(List<X509Certificate> certificates, List<X509CRL> crls) {
        return new TrustAnchors(certificates, crls);
    }

    /**
     * Loads the anchors from a PEM (or DER) file holding one or more CA certificates, or from a folder of
     * {@code *.pem}/{@code *.crt} files; and the CRLs from a file or a folder of {@code *.pem}/{@code *.crl} files.
     * An absent or blank path, or an empty folder, is no configuration: for anchors that means no HCO is trusted.
     *
     * @throws ConfigurationException when a configured path does not exist or a file cannot be read or parsed
     */
    public static TrustAnchors load(Optional<Path> anchors, Optional<Path> crls) {
        List<X509Certificate> certificates = configured(anchors)
                .map(path -> readAll(path, CERTIFICATE_FILES, "sehr.hco.trust-anchors", PemFiles::readCertificates))
                .orElse(List.of());
        List<X509CRL> revocations = configured(crls)
                .map(path -> readAll(path, CRL_FILES, "sehr.hco.crls", PemFiles::readCrls))
                .orElse(List.of());
        TrustAnchors loaded = new TrustAnchors(certificates, revocations);
        loaded.describe();
        return loaded;
    }

    public List<X509Certificate> certificates() {
        return certificates;
    }

    public List<X509CRL> crls() {
        return crls;
    }

    public boolean isEmpty() {
        return certificates.isEmpty();
    }

    private void describe() {
        if (certificates.isEmpty()) {
            LOG.warn("No HCO trust anchors are configured (sehr.hco.trust-anchors): every HCO assertion is refused");
            return;
        }
        Instant now = Instant.now();
        for (X509Certificate certificate : certificates) {
            if (certificate.getNotAfter().toInstant().isBefore(now)) {
                LOG.warn("HCO trust anchor {} expired on {}", certificate.getSubjectX500Principal().getName(),
                        certificate.getNotAfter().toInstant());
            } else {
                LOG.info("HCO trust anchor: {}", certificate.getSubjectX500Principal().getName());
            }
        }
        if (crls.isEmpty()) {
            LOG.info("No HCO certificate revocation lists are configured: revocation is not checked");
        } else {
            LOG.info("Checking HCO certificate revocation against {} CRL(s)", crls.size());
        }
    }

    private static Optional<Path> configured(Optional<Path> path) {
        // Path.of("") is the working directory: a blank setting must not turn into "every file in the cwd"
        return path.filter(p -> !p.toString().isBlank());
    }

    private static <T> List<T> readAll(Path path, List<String> suffixes, String setting, Reader<T> reader) {
        if (!Files.exists(path)) {
            throw new ConfigurationException(setting + ": " + path + " does not exist");
        }
        List<Path> files = Files.isDirectory(path) ? filesIn(path, suffixes, setting) : List.of(path);
        List<T> items = new ArrayList<>();
        for (Path file : files) {
            List<T> read;
            try {
                read = reader.read(file);
            } catch (IOException | GeneralSecurityException | RuntimeException e) {
                throw new ConfigurationException(setting + ": " + file.toAbsolutePath() + " is not a PEM or DER file of "
                        + "X.509 items, or cannot be read (" + e.getClass().getSimpleName() + ")", e);
            }
            if (read.isEmpty()) {
                throw new ConfigurationException(setting + ": " + file + " holds nothing usable");
            }
            items.addAll(read);
        }
        return items;
    }

    private static List<Path> filesIn(Path folder, List<String> suffixes, String setting) {
        try (Stream<Path> entries = Files.list(folder)) {
            return entries
                    .filter(Files::isRegularFile)
                    .filter(file -> suffixes.stream()
                            .anyMatch(file.getFileName().toString().toLowerCase(Locale.ROOT)::endsWith))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new ConfigurationException(setting + ": cannot list " + folder, e);
        }
    }

    @FunctionalInterface
    private interface Reader<T> {
        List<T> read(Path file) throws IOException, GeneralSecurityException;
    }
}
