package eu.sehr.cloud.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

import picocli.CommandLine.IVersionProvider;

/** {@code --version}: the project's version, written into {@code sehr-cloud-version.properties} by the build. */
public final class Version implements IVersionProvider {

    private static final String RESOURCE = "/sehr-cloud-version.properties";

    @Override
    public String[] getVersion() {
        return new String[] {"sehr-cloud " + current() + " (Java " + Runtime.version() + ")"};
    }

    /** The version, or {@code unknown} when the classes were not built by Maven. */
    public static String current() {
        Properties properties = new Properties();
        try (InputStream in = Version.class.getResourceAsStream(RESOURCE)) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            return "unknown";
        }
        String version = properties.getProperty("version", "");
        return version.isBlank() || version.startsWith("${") ? "unknown" : version;
    }
}
