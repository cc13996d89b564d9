package eu.sehr.cloud.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;

import eu.sehr.cloud.emergency.trust.CertifiedKey;
import eu.sehr.cloud.emergency.trust.DevCertificates;
import eu.sehr.cloud.emergency.trust.HcoAssertionSigner;
import eu.sehr.cloud.emergency.trust.HcoTrust;
import eu.sehr.cloud.security.PemFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code dev-pki DIR}: makes a demonstration PKI for trying emergency access without a real CA: a self-signed CA
 * ({@code ca.pem}, the trust anchor to configure), an HCO certificate it issues ({@code hco.pem}: the HCO certificate,
 * subject O and CN the HCO's name, extended key usage id-kp-clientAuth, then the CA's) and the HCO's private key
 * ({@code hco-key.pem}, owner-readable only). {@code dev-pki assertion} then prints signed HCO assertions for
 * {@code POST /hcp/requestaccess}, whose {@code iss} is the certificate's organisation. Not for production.
 */
@Command(name = "dev-pki", mixinStandardHelpOptions = true, versionProvider = Version.class,
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:written", "1:DIR already holds a PKI (see --force), or cannot be written", "2:wrong command line"},
        description = {"Create a demo CA and HCO certificate for trying emergency access (not for production).",
                "Writes DIR/ca.pem, DIR/hco.pem and DIR/hco-key.pem."},
        subcommands = DevPki.Assertion.class)
public final class DevPki implements Callable<Integer> {

    static final String CA_FILE = "ca.pem";
    static final String HCO_FILE = "hco.pem";
    static final String HCO_KEY_FILE = "hco-key.pem";

    @Spec
    private CommandSpec spec;

    // optional for picocli so that "dev-pki assertion ..." parses; call() insists on it
    @Parameters(index = "0", arity = "0..1", paramLabel = "DIR",
            description = "The folder to write the files to (created if missing).")
    private Path dir;

    @Option(names = "--hco-name", defaultValue = "Demo Hospital", paramLabel = "NAME",
            description = "The HCO's name: its certificate's organisation (O) and common name (CN), and so the iss "
                    + "of its assertions (default: ${DEFAULT-VALUE}).")
    private String hcoName;

    @Option(names = "--ca-name", defaultValue = "S-EHR Demo CA", paramLabel = "NAME",
            description = "The CA certificate's common name (default: ${DEFAULT-VALUE}).")
    private String caName;

    @Option(names = "--force", description = "Replace the files if they exist.")
    private boolean force;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (dir == null) {
            err.println("dev-pki: missing the folder DIR to write the files to");
            spec.commandLine().usage(err);
            return 2;
        }
        Path ca = dir.resolve(CA_FILE);
        Path hco = dir.resolve(HCO_FILE);
        Path key = dir.resolve(HCO_KEY_FILE);
        if (!force && (Files.exists(ca) || Files.exists(hco) || Files.exists(key))) {
            err.println("dev-pki: " + dir + " already holds a PKI; use --force to replace it");
            return 1;
        }
        if (hcoName.isBlank() || caName.isBlank()) {
            err.println("dev-pki: the names must not be blank");
            return 2;
        }
        DevCertificates certificates = new DevCertificates(Clock.systemUTC());
        CertifiedKey authority = certificates.certificateAuthority(caName);
        CertifiedKey organisation = certificates.hco(hcoName, authority);

        Files.createDirectories(dir);
        PemFiles.writeCertificates(ca, List.of(authority.certificate()));
        PemFiles.writeCertificates(hco, List.of(organisation.certificate(), authority.certificate()));
        PemFiles.writePrivateKey(key, organisation.privateKey());

        out.println("Wrote " + ca + " (the demo CA: the trust anchor), " + hco + " (the certificate of the HCO \""
                + hcoName + "\", its organisation, then the CA) and " + key + " (the HCO's private key: keep it secret).");
        out.println("HCO id: " + HcoTrust.hcoId(organisation.certificate())
                + " (its emergency buckets are named <citizen>--hco-" + HcoTrust.hcoId(organisation.certificate()) + ")");
        out.println();
        out.println("Trust the demo CA in the service, then (re)start it:");
        out.println("  export SEHR_HCO_TRUST_ANCHORS=" + ca.toAbsolutePath());
        out.println("  (or -Dsehr.hco.trust-anchors=" + ca.toAbsolutePath() + ")");
        out.println();
        out.println("Sign an HCO assertion for a healthcare professional (valid 5 minutes, usable once):");
        out.println("  java -jar target/sehr-cloud.jar dev-pki assertion --dir " + dir + " --hcp-name 'Dr House' \\\n"
                + "      --justification 'unconscious patient admitted to the emergency department'");
        out.println();
        out.println("Request emergency access with a citizen's emergencyToken:");
        out.println("  curl -s -X POST $B/hcp/requestaccess -H \"Authorization: Bearer $EMERGENCY_TOKEN\" \\");
        out.println("    -H 'Content-Type: application/json' \\");
        out.println("    -d \"{\\\"hcoAssertion\\\":\\\"$(java -jar target/sehr-cloud.jar dev-pki assertion --dir "
                + dir + " --hcp-name 'Dr House' --justification 'unconscious patient in the ED')\\\"}\"");
        out.flush();
        return 0;
    }

    /**
     * {@code dev-pki assertion}: prints a freshly signed HCO assertion (ES256, x5c = the chain in {@code hco.pem})
     * for one healthcare professional, and nothing else, so that a shell can embed it in a request.
     */
    @Command(name = "assertion", mixinStandardHelpOptions = true, versionProvider = Version.class,
            exitCodeListHeading = "%nExit codes:%n",
            exitCodeList = {"0:printed", "1:DIR/hco.pem or DIR/hco-key.pem is missing or unreadable", "2:wrong command line"},
            description = "Print a signed HCO assertion (JWS, valid 5 minutes) made with DIR/hco.pem and DIR/hco-key.pem.")
    static final class Assertion implements Callable<Integer> {

        @Spec
        private CommandSpec spec;

        @Option(names = "--dir", defaultValue = ".", paramLabel = "DIR",
                description = "The folder that dev-pki wrote (default: ${DEFAULT-VALUE}).")
        private Path dir;

        @Option(names = "--hcp-name", required = true, paramLabel = "NAME",
                description = "The healthcare professional's name (the sub claim).")
        private String hcpName;

        @Option(names = "--justification", required = true, paramLabel = "TEXT",
                description = "Why the professional needs the records (1 to 500 characters; shown to the citizen).")
        private String justification;

        @Override
        public Integer call() {
            PrintWriter err = spec.commandLine().getErr();
            if (hcpName.isBlank()) {
                err.println("dev-pki assertion: --hcp-name must not be blank");
                return 2;
            }
            if (justification.isBlank() || justification.codePointCount(0, justification.length()) > 500) {
                err.println("dev-pki assertion: --justification must be 1 to 500 characters");
                return 2;
            }
            List<X509Certificate> chain;
            HcoAssertionSigner signer;
            try {
                chain = PemFiles.readCertificates(dir.resolve(HCO_FILE));
                signer = new HcoAssertionSigner(PemFiles.readPrivateKey(dir.resolve(HCO_KEY_FILE)), chain,
                        Clock.systemUTC());
            } catch (NoSuchFileException e) {
                err.println("dev-pki assertion: " + e.getFile() + " does not exist (run dev-pki " + dir + " first)");
                return 1;
            } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
                err.println("dev-pki assertion: cannot read " + dir.resolve(HCO_FILE) + " and "
                        + dir.resolve(HCO_KEY_FILE) + ": " + e.getMessage());
                return 1;
            }
            PrintWriter out = spec.commandLine().getOut();
            out.println(signer.sign(hcpName, justification));
            out.flush();
            return 0;
        }
    }
}
