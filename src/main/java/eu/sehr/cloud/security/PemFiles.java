package eu.sehr.cloud.security;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PrivateKey;
import java.security.cert.CRLException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

/**
 * Reads and writes the PEM files of the HCO trust: certificates (one or more per file), certificate revocation lists
 * and PKCS#8 private keys. Certificates and CRLs may also be DER encoded when read.
 */
public final class PemFiles {

    private static final Base64.Encoder PEM_BASE64 = Base64.getMimeEncoder(64, new byte[]{'\n'});

    private PemFiles() {
    }

    /** The PEM text of the certificates, in the given order. */
    public static String pem(List<X509Certificate> certificates) {
        StringBuilder text = new StringBuilder();
        for (X509Certificate certificate : certificates) {
            try {
                text.append(block("CERTIFICATE", certificate.getEncoded()));
            } catch (CertificateEncodingException e) {
                throw new IllegalArgumentException("the certificate cannot be encoded", e);
            }
        }
        return text.toString();
    }

    /** The PEM text of the private key as an unencrypted PKCS#8 {@code PRIVATE KEY}. */
    public static String pem(PrivateKey key) {
        if (!"PKCS#8".equals(key.getFormat())) {
            throw new IllegalArgumentException("the private key is not PKCS#8 encodable");
        }
        return block("PRIVATE KEY", key.getEncoded());
    }

    public static void writeCertificates(Path file, List<X509Certificate> certificates) throws IOException {
        Files.writeString(file, pem(certificates), StandardCharsets.US_ASCII);
    }

    /**
     * Writes the key as PKCS#8 PEM; on a POSIX file system the file is created readable and writable by its owner only,
     * before any key byte is written. An existing file is replaced.
     */
    public static void writePrivateKey(Path file, PrivateKey key) throws IOException {
        Files.deleteIfExists(file);
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } else {
            Files.createFile(file);
        }
        Files.writeString(file, pem(key), StandardCharsets.US_ASCII, StandardOpenOption.WRITE);
    }

    /** Every certificate in the file (PEM with one or more blocks, or DER), in file order. */
    public static List<X509Certificate> readCertificates(Path file) throws IOException, CertificateException {
        try (InputStream in = Files.newInputStream(file)) {
            List<X509Certificate> certificates = new ArrayList<>();
            for (var certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                certificates.add((X509Certificate) certificate);
            }
            return certificates;
        }
    }

    /** Every CRL in the file (PEM with one or more blocks, or DER), in file order. */
    public static List<X509CRL> readCrls(Path file) throws IOException, CertificateException, CRLException {
        try (InputStream in = Files.newInputStream(file)) {
            List<X509CRL> crls = new ArrayList<>();
            for (var crl : CertificateFactory.getInstance("X.509").generateCRLs(in)) {
                crls.add((X509CRL) crl);
            }
            return crls;
        }
    }

    /** The first private key of a PEM file: PKCS#8 {@code PRIVATE KEY}, or a traditional EC or RSA key pair. */
    public static PrivateKey readPrivateKey(Path file) throws IOException {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.US_ASCII);
             PEMParser parser = new PEMParser(reader)) {
            JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
            for (Object item = parser.readObject(); item != null; item = parser.readObject()) {
                if (item instanceof PrivateKeyInfo info) {
                    return converter.getPrivateKey(info);
                }
                if (item instanceof PEMKeyPair pair) {
                    return converter.getKeyPair(pair).getPrivate();
                }
            }
        }
        throw new IOException("no unencrypted private key in " + file);
    }

    private static String block(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + PEM_BASE64.encodeToString(der) + "\n-----END " + type + "-----\n";
    }
}
