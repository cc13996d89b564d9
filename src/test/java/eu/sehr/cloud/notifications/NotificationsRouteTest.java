package eu.sehr.cloud.notifications;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import eu.sehr.cloud.security.DetachedSignatures;
import eu.sehr.cloud.security.SigningKey;
import eu.sehr.cloud.support.RouteFiles;
import org.apache.camel.Exchange;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.spi.Registry;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.apache.camel.test.junit5.TestExecutionConfiguration;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jws.JsonWebSignature;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * routes/api/notifications.camel.yaml on its own: the timer is replaced by a direct endpoint, the outbox by a
 * hand-written list of due notifications, the configured endpoint by a mock; the signatures are the real ones.
 */
class NotificationsRouteTest extends CamelTestSupport {

    private static final String FIRST = "{\"id\":\"n1\",\"type\":\"EmergencyAccessGranted\",\"citizen\":\"alice\"}";
    private static final String SECOND = "{\"id\":\"n2\",\"type\":\"EmergencyAccessEnded\",\"citizen\":\"alice\"}";

    private final SigningKey key = SigningKey.generated();
    private final DueNotifications outbox = new DueNotifications();

    @Override
    public void configureTest(TestExecutionConfiguration test) {
        test.withUseAdviceWith(true);
    }

    @Override
    protected void bindToRegistry(Registry registry) {
        registry.bind("notificationDelivery", outbox);
        registry.bind("notificationSignatures", new DetachedSignatures(key));
    }

    @BeforeEach
    void loadTheRoutes() throws Exception {
        context.getPropertiesComponent().addInitialProperty("sehr.notify.poll-interval", "1000");
        context.getPropertiesComponent().addInitialProperty("sehr.notify.endpoint", "mock:receiver");
        RouteFiles.load(context, "routes/api/notifications.camel.yaml");
        AdviceWith.adviceWith(context, "notifications-deliver", route -> route.replaceFromWith("direct:deliver"));
        context.start();
    }

    @Test
    void should_send_each_due_notification_in_turn_and_mark_it_delivered_or_failed() throws Exception {
        outbox.due.add(Map.of("id", "n1", "body", FIRST));
        outbox.due.add(Map.of("id", "n2", "body", SECOND));
        MockEndpoint receiver = getMockEndpoint("mock:receiver");
        receiver.expectedMessageCount(2);
        receiver.whenAnyExchangeReceived(exchange -> outbox.steps.add("send " + exchange.getProperty("notificationId")));
        receiver.whenExchangeReceived(1, exchange -> {
            outbox.steps.add("send " + exchange.getProperty("notificationId"));
            throw new IllegalStateException("the receiver answered 502");
        });

        poll();

        receiver.assertIsSatisfied();
        assertThat(outbox.steps).containsExactly("due", "send n1", "failed n1", "send n2", "delivered n2");
        assertThat(outbox.delivered).containsExactly("n2");
        assertThat(outbox.failed).containsOnlyKeys("n1");
        assertThat(outbox.failed.get("n1")).isInstanceOf(IllegalStateException.class);
        assertThat(receiver.getExchanges()).extracting(e -> e.getMessage().getBody(String.class))
                .containsExactly(FIRST, SECOND);
    }

    @Test
    void should_post_the_exact_json_bytes_with_a_detached_signature_and_no_other_headers() throws Exception {
        outbox.due.add(Map.of("id", "n1", "body", FIRST));
        MockEndpoint receiver = getMockEndpoint("mock:receiver");
        receiver.expectedMessageCount(1);

        poll();

        receiver.assertIsSatisfied();
        Exchange sent = receiver.getExchanges().get(0);
        assertThat(sent.getMessage().getBody()).isInstanceOf(byte[].class);
        assertThat(sent.getMessage().getHeaders()).containsOnlyKeys("Sehr-Signature", "Content-Type", Exchange.HTTP_METHOD);
        assertThat(sent.getMessage().getHeader(Exchange.HTTP_METHOD)).isEqualTo("POST");
        assertThat(sent.getMessage().getHeader("Content-Type")).isEqualTo("application/json");
        assertThat(verifies(sent.getMessage().getHeader("Sehr-Signature", String.class),
                sent.getMessage().getBody(byte[].class))).isTrue();
        assertThat(outbox.delivered).containsExactly("n1");
    }

    @Test
    void should_send_nothing_when_nothing_is_due() throws Exception {
        MockEndpoint receiver = getMockEndpoint("mock:receiver");
        receiver.expectedMessageCount(0);

        poll();

        receiver.assertIsSatisfied();
        assertThat(outbox.delivered).isEmpty();
        assertThat(outbox.failed).isEmpty();
    }

    /** One poll of the outbox, as the timer would start it, with a header of the trigger that must not be sent. */
    private void poll() {
        NotifyBuilder done = new NotifyBuilder(context).fromRoute("notifications-deliver").whenDone(1).create();
        template.sendBodyAndHeader("direct:deliver", null, "Authorization", "Bearer not-for-the-receiver");
        assertThat(done.matches(5, TimeUnit.SECONDS)).isTrue();
    }

    private boolean verifies(String detached, byte[] payload) throws Exception {
        String[] parts = detached.split("\\.", -1);
        assertThat(parts[1]).isEmpty();
        JsonWebSignature jws = new JsonWebSignature();
        jws.setCompactSerialization(parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(payload)
                + "." + parts[2]);
        jws.setKey(new JsonWebKeySet(key.publicJwks()).findJsonWebKey(jws.getKeyIdHeaderValue(), null, null, null).getKey());
        return jws.verifySignature() && new String(payload, StandardCharsets.UTF_8).startsWith("{\"id\"");
    }

    /** Stands in for NotificationDelivery (the PostgreSQL outbox): what is due, and what the route reported. */
    public static final class DueNotifications {

        final List<Map<String, String>> due = new ArrayList<>();
        final List<String> delivered = new ArrayList<>();
        final Map<String, Exception> failed = new LinkedHashMap<>();
        final List<String> steps = new ArrayList<>();

        public List<Map<String, String>> due() {
            steps.add("due");
            List<Map<String, String>> claimed = List.copyOf(due);
            due.clear();
            return claimed;
        }

        public void delivered(String id) {
            steps.add("delivered " + id);
            delivered.add(id);
        }

        public void failed(String id, Exception failure) {
            steps.add("failed " + id);
            failed.put(id, failure);
        }
    }
}
