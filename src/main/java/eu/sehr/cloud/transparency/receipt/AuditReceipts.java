package eu.sehr.cloud.transparency.receipt;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.NamedNode;
import org.apache.camel.Route;
import org.apache.camel.component.platform.http.vertx.HttpMessage;
import org.apache.camel.spi.RoutePolicy;
import org.apache.camel.spi.RoutePolicyFactory;
import org.apache.camel.support.RoutePolicySupport;

/**
 * Puts an {@code Audit-Receipt} header (one per stored event) on the response of every request that stored events,
 * refusals included. Two halves:
 * <ul>
 *   <li>on the HTTP server's router (installed before the routes), each request gets its {@link RequestLeaves}, and
 *       just before the response's headers are written its receipts are added;</li>
 *   <li>as a Camel route policy, the request's leaves are bound to the worker thread that runs its routes (from the
 *       first route the exchange enters until that route is done), where its events are appended.</li>
 * </ul>
 * Streamed answers write their headers only after the route has stored its event, so they carry the receipt too.
 */
public final class AuditReceipts implements Handler<RoutingContext>, RoutePolicyFactory {

    public static final String HEADER = "Audit-Receipt";
    private static final String BOUND_BY = AuditReceipts.class.getName() + ".boundBy";
    private static final String LEAVES = RequestLeaves.class.getName();

    private final CurrentRequest current;
    private final Map<HttpServerRequest, RequestLeaves> open = new ConcurrentHashMap<>();

    public AuditReceipts(CurrentRequest current) {
        this.current = current;
    }

    @Override
    public void handle(RoutingContext ctx) {
        RequestLeaves leaves = new RequestLeaves();
        HttpServerRequest request = ctx.request();
        HttpServerResponse response = ctx.response();
        open.put(request, leaves);
        ctx.addHeadersEndHandler(done -> leaves.receipts().forEach(receipt -> response.headers().add(HEADER, receipt)));
        ctx.addEndHandler(done -> open.remove(request));
        ctx.next();
    }

    @Override
    public RoutePolicy createRoutePolicy(CamelContext camelContext, String routeId, NamedNode route) {
        return new RoutePolicySupport() {
            @Override
            public void onExchangeBegin(Route route, Exchange exchange) {
                if (exchange.getProperty(BOUND_BY) == null && exchange.getIn() instanceof HttpMessage http) {
                    RequestLeaves leaves = open.get(http.getRequest());
                    if (leaves != null) {
                        exchange.setProperty(BOUND_BY, route.getId());
                        exchange.setProperty(LEAVES, leaves);
                        current.bind(leaves);
                    }
                }
            }

            @Override
            public void onExchangeDone(Route route, Exchange exchange) {
                if (route.getId().equals(exchange.getProperty(BOUND_BY))) {
                    current.unbind(exchange.getProperty(LEAVES, RequestLeaves.class));
                }
            }
        };
    }
}
