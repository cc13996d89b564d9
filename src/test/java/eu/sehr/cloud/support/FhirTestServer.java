package eu.sehr.cloud.support;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.annotation.Create;
import ca.uhn.fhir.rest.annotation.ResourceParam;
import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.RestfulServer;
import ca.uhn.fhir.rest.server.exceptions.InternalErrorException;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.IdType;

/**
 * A real FHIR R4 server for the tests: HAPI's {@link RestfulServer} in an embedded Jetty (ee10, the servlet API
 * that HAPI FHIR 8 is built on) on a free loopback port, with one resource provider that keeps every AuditEvent
 * it is sent, or refuses the next ones with HTTP 500 ({@link #refuseNext}). {@link #baseUrl()} is the FHIR base,
 * e.g. {@code http://127.0.0.1:41234/fhir}.
 */
public final class FhirTestServer implements AutoCloseable {

    private final Server jetty;
    private final AuditEventStore auditEvents = new AuditEventStore();
    private final FhirContext fhir;

    private FhirTestServer(FhirContext fhir) {
        this.fhir = fhir;
        RestfulServer restful = new RestfulServer(fhir);
        restful.setResourceProviders(auditEvents);
        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        context.addServlet(new ServletHolder(restful), "/fhir/*");
        jetty = new Server();
        ServerConnector connector = new ServerConnector(jetty);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        jetty.addConnector(connector);
        jetty.setHandler(context);
    }

    public static FhirTestServer start(FhirContext fhir) {
        FhirTestServer server = new FhirTestServer(fhir);
        try {
            server.jetty.start();
        } catch (Exception e) {
            server.close();
            throw new IllegalStateException("the test FHIR server did not start", e);
        }
        return server;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + ((ServerConnector) jetty.getConnectors()[0]).getLocalPort() + "/fhir";
    }

    /** Answers the next {@code count} AuditEvents with HTTP 500, as a server that is down would. */
    public void refuseNext(int count) {
        auditEvents.toRefuse.set(count);
    }

    /** How many AuditEvents were refused. */
    public int refused() {
        return auditEvents.refused.get();
    }

    /** The AuditEvents received so far, in arrival order. */
    public List<AuditEvent> auditEvents() {
        return List.copyOf(auditEvents.received);
    }

    /** Each received AuditEvent as the JSON the server parsed it from (re-encoded). */
    public List<String> auditEventsAsJson() {
        return auditEvents().stream().map(event -> fhir.newJsonParser().encodeResourceToString(event)).toList();
    }

    @Override
    public void close() {
        try {
            jetty.stop();
        } catch (Exception e) {
            throw new IllegalStateException("the test FHIR server did not stop", e);
        }
    }

    /** {@code POST [base]/AuditEvent}: keeps the resource and answers 201 with a server-assigned id. */
    public static final class AuditEventStore implements IResourceProvider {

        private final List<AuditEvent> received = new CopyOnWriteArrayList<>();
        private final AtomicLong ids = new AtomicLong();
        private final AtomicInteger toRefuse = new AtomicInteger();
        private final AtomicInteger refused = new AtomicInteger();

        @Override
        public Class<AuditEvent> getResourceType() {
            return AuditEvent.class;
        }

        @Create
        public MethodOutcome create(@ResourceParam AuditEvent auditEvent) {
            if (toRefuse.getAndUpdate(left -> Math.max(0, left - 1)) > 0) {
                refused.incrementAndGet();
                throw new InternalErrorException("the test FHIR server refuses this AuditEvent");
            }
            IdType id = new IdType("AuditEvent", Long.toString(ids.incrementAndGet()));
            auditEvent.setId(id);
            received.add(auditEvent);
            return new MethodOutcome(id, true);
        }
    }
}
