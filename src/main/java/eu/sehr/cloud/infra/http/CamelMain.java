package eu.sehr.cloud.infra.http;

import java.nio.file.Files;
import java.nio.file.Path;

import eu.sehr.cloud.infra.Settings;
import org.apache.camel.main.Main;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Camel main of the HTTP API: the service's settings as property placeholders, bodies left unread for the
 * routes (documents are read with a limit, records streamed: no spool file). The OpenAPI document is the REST
 * contract routes/api/openapi.yaml, served by the operations-openapi route.
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
