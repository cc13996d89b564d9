package eu.sehr.cloud.extensions.fhir;

import java.nio.file.Path;
import java.util.Properties;

import org.apache.camel.CamelContext;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PluginHelper;

/**
 * The routes of {@code routes/extensions/fhir-audit-export.camel.yaml} alone in a Camel context of their own, with
 * {@code sehr.fhir-export.url} set: {@link #send} posts an AuditEvent's JSON as the export does.
 */
final class FhirExportRoutes implements AutoCloseable {

    private static final Path ROUTES = Path.of("routes/extensions/fhir-audit-export.camel.yaml");

    private final CamelContext camel;
    private final ProducerTemplate template;

    private FhirExportRoutes(CamelContext camel) {
        this.camel = camel;
        this.template = camel.createProducerTemplate();
    }

    static FhirExportRoutes start(String fhirBaseUrl) throws Exception {
        CamelContext camel = new DefaultCamelContext();
        Properties settings = new Properties();
        settings.setProperty("sehr.fhir-export.url", fhirBaseUrl);
        camel.getPropertiesComponent().setInitialProperties(settings);
        PluginHelper.getRoutesLoader(camel).loadRoutes(
                PluginHelper.getResourceLoader(camel).resolveResource("file:" + ROUTES.toAbsolutePath()));
        camel.start();
        return new FhirExportRoutes(camel);
    }

    /** Posts the AuditEvent through the route; the server's Location. A failure is thrown as the route threw it. */
    String send(String auditEventJson) {
        try {
            return template.requestBody("direct:fhir-audit-event-post", auditEventJson, String.class);
        } catch (CamelExecutionException e) {
            Throwable cause = e.getCause();
            while (cause != null && !(cause instanceof FhirExportException) && cause.getCause() != null) {
                cause = cause.getCause();
            }
            throw cause instanceof RuntimeException thrown ? thrown : e;
        }
    }

    @Override
    public void close() throws Exception {
        camel.close();
    }
}
