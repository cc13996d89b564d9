package eu.sehr.cloud.infra.http;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import eu.sehr.cloud.infra.Settings;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.Main;
import org.apache.camel.main.MainListenerSupport;
import org.apache.camel.spi.RestConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Camel main of the HTTP API: the service's settings as property placeholders, bodies left unread for the
 * routes (documents are read with a limit, records streamed: no spool file), and the OpenAPI document's description.
 * The HTTP server itself is the service's {@link ApiServer}.
 */
public final class CamelMain {

    private static final Logger LOG = LoggerFactory.getLogger(CamelMain.class);
    private static final String ROUTES = "camel.main.routesIncludePattern";
    private static final String EXTENSIONS_DIR = "sehr.routes.extensions-dir";

    private CamelMain() {
    }

    public static Main create(Settings settings) {
        Main main = new Main();
        settings.resolvedServiceKeys().forEach((key, value) -> main.addOverrideProperty((String) key, (String) value));
        main.configure().rest().withEndpointProperty("useBodyHandler", "false");
        withExtensionRoutes(main, settings);
        main.addMainListener(new MainListenerSupport() {
            @Override
            public void afterConfigure(BaseMainSupport support) {
                RestConfiguration rest = support.getCamelContext().getRestConfiguration();
                Map<String, Object> api = new HashMap<>(rest.getApiProperties() == null ? Map.of() : rest.getApiProperties());
                api.put("api.title", "S-EHR Cloud");
                api.put("api.version", "1.0");
                api.put("api.description", "Encrypted health record backup with consented emergency access and an "
                        + "event-sourced audit. Every error: {\"msg\": ..., \"errorCode\": <status>}.");
                rest.setApiProperties(api);
            }
        });
        return main;
    }

    /** Integrator routes are optional: without their directory the service starts with its own routes, and says so. */
    private static void withExtensionRoutes(Main main, Settings settings) {
        String extensions = settings.get(EXTENSIONS_DIR);
        if (!Files.isDirectory(Path.of(extensions))) {
            LOG.warn("No integrator routes are loaded: {} is not a directory ({})", Path.of(extensions).toAbsolutePath(),
                    EXTENSIONS_DIR);
            return;
        }
        main.addOverrideProperty(ROUTES, settings.get(ROUTES) + ",file:" + extensions + "/*.camel.yaml");
    }
}
