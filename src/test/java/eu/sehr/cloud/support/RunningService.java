package eu.sehr.cloud.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import java.time.Clock;
import java.util.List;

import eu.sehr.cloud.emergency.trust.CertifiedKey;
import eu.sehr.cloud.emergency.trust.DevCertificates;
import eu.sehr.cloud.security.PemFiles;
import eu.sehr.cloud.infra.Service;
import eu.sehr.cloud.infra.Settings;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * One real service per test JVM, on the embedded servers with a fresh data dir and a free port, shared by every
 * end-to-end test class and stopped when the JVM's tests end. Test classes take an {@link Api} parameter.
 */
public final class RunningService implements BeforeAllCallback, ParameterResolver {

    @Override
    public void beforeAll(ExtensionContext context) {
        shared(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == Api.class || type == Started.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Started started = shared(context);
        return parameter.getParameter().getType() == Api.class ? started.api() : started;
    }

    private static Started shared(ExtensionContext context) {
        return context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(Started.class, key -> Started.start(), Started.class);
    }

    /** A started service with its data dir and client. */
    public record Started(Service service, Path dataDir, int port, Api api, CertifiedKey hcoCa)
            implements ExtensionContext.Store.CloseableResource, AutoCloseable {

        public static Started start() {
            return start(tempDir(), Map.of());
        }

        public static Started start(Path dataDir, Map<String, String> extra) {
            int port = FreePorts.take();
            CertifiedKey hcoCa = new DevCertificates(Clock.systemUTC()).certificateAuthority("Test Health Authority CA");
            Path anchors = dataDir.resolve("hco-trust-anchors.pem");
            try {
                PemFiles.writeCertificates(anchors, List.of(hcoCa.certificate()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Map<String, String> settings = new java.util.HashMap<>();
            settings.put("sehr.hco.trust-anchors", anchors.toString());
            settings.putAll(extra);
            settings.put("sehr.data-dir", dataDir.toString());
            settings.put("sehr.port", Integer.toString(port));
            settings.put("sehr.host", "127.0.0.1");
            Service service = Service.start(Settings.load().with(settings));
            return new Started(service, dataDir, port, new Api("http://127.0.0.1:" + port), hcoCa);
        }

        @Override
        public void close() {
            service.close();
        }
    }

    public static Path tempDir() {
        try {
            return Files.createTempDirectory("sehr-test-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

}
