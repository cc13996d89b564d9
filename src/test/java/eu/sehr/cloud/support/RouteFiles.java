package eu.sehr.cloud.support;

import org.apache.camel.CamelContext;
import org.apache.camel.support.PluginHelper;

/**
 * Loads one YAML route file of the project (a path from the project directory, e.g.
 * {@code routes/api/errors.camel.yaml}) into a route test's small CamelContext, before AdviceWith weaves it.
 */
public final class RouteFiles {

    private RouteFiles() {
    }

    public static void load(CamelContext context, String path) throws Exception {
        PluginHelper.getRoutesLoader(context).loadRoutes(PluginHelper.getResourceLoader(context).resolveResource("file:" + path));
    }
}
