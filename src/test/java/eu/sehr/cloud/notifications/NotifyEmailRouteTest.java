package eu.sehr.cloud.notifications;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import eu.sehr.cloud.support.RouteFiles;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.apache.camel.test.junit5.TestExecutionConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The e-mail extension, routes/extensions/notify-email.camel.yaml, on its own: what it sends to the SMTP endpoint is
 * intercepted into a mock (the URI is still built from the settings), so no mail server is needed.
 */
class NotifyEmailRouteTest extends CamelTestSupport {

    private static final String NOTIFICATION = "{\"id\":\"n7\",\"type\":\"EmergencyAccessGranted\",\"citizen\":\"alice\","
            + "\"accessId\":\"acc-1\",\"hco\":\"General Hospital\",\"hcp\":\"Dr Müller\",\"at\":\"2026-12-01T04:00:00Z\"}";

    @Override
    public void configureTest(TestExecutionConfiguration test) {
        test.withUseAdviceWith(true);
    }

    @BeforeEach
    void loadTheRoute() throws Exception {
        context.getPropertiesComponent().addInitialProperty("sehr.notify-email.domain", "notify.example.org");
        context.getPropertiesComponent().addInitialProperty("sehr.notify-email.from", "sehr-cloud@example.org");
        context.getPropertiesComponent().addInitialProperty("sehr.notify-email.scheme", "smtp");
        context.getPropertiesComponent().addInitialProperty("sehr.notify-email.host", "smtp.example.org");
        context.getPropertiesComponent().addInitialProperty("sehr.notify-email.port", "25");
        RouteFiles.load(context, "routes/extensions/notify-email.camel.yaml");
        AdviceWith.adviceWith(context, "notify-email",
                route -> route.interceptSendToEndpoint("smtp:*").skipSendToOriginalEndpoint().to("mock:smtp"));
        context.start();
    }

    @Test
    void should_mail_who_accessed_and_when_to_the_citizens_gateway_address() throws Exception {
        MockEndpoint smtp = getMockEndpoint("mock:smtp");
        smtp.expectedMessageCount(1);

        send();

        smtp.assertIsSatisfied();
        Exchange mail = smtp.getExchanges().get(0);
        assertThat(context.getEndpoints()).extracting(Endpoint::getEndpointUri)
                .anyMatch(uri -> uri.startsWith("smtp://smtp.example.org:25"));
        assertThat(mail.getMessage().getHeader("To")).isEqualTo("alice@notify.example.org");
        assertThat(mail.getMessage().getHeader("From")).isEqualTo("sehr-cloud@example.org");
        assertThat(mail.getMessage().getHeader("Subject")).isEqualTo("S-EHR Cloud: EmergencyAccessGranted");
        assertThat(mail.getMessage().getHeader("Content-Type")).isEqualTo("text/plain; charset=UTF-8");
        assertThat(mail.getMessage().getHeader("Sehr-Signature")).isEqualTo("signature..kept");
        assertThat(mail.getMessage().getHeaders()).doesNotContainKey(Exchange.HTTP_METHOD);
        assertThat(mail.getMessage().getBody(String.class))
                .startsWith("EmergencyAccessGranted at 2026-12-01T04:00:00Z")
                .contains("Healthcare organisation: General Hospital", "Healthcare professional: Dr Müller",
                        "Access: acc-1", "Notification id: n7");
    }

    @Test
    void should_fail_the_delivery_when_the_mail_server_refuses_so_that_it_is_tried_again() throws Exception {
        MockEndpoint smtp = getMockEndpoint("mock:smtp");
        smtp.whenAnyExchangeReceived(exchange -> {
            throw new IllegalStateException("550 mailbox unavailable");
        });

        Exchange sent = send();

        assertThat(sent.getException()).isInstanceOf(IllegalStateException.class);
    }

    /** The notification as routes/api/notifications.camel.yaml hands it over: signed JSON bytes, POST header. */
    private Exchange send() {
        NotifyBuilder done = new NotifyBuilder(context).fromRoute("notify-email").whenDone(1).create();
        Exchange sent = template.send("direct:notify-email", exchange -> {
            exchange.getMessage().setBody(NOTIFICATION.getBytes(StandardCharsets.UTF_8));
            exchange.getMessage().setHeader("Sehr-Signature", "signature..kept");
            exchange.getMessage().setHeader(Exchange.HTTP_METHOD, "POST");
        });
        assertThat(done.matches(5, TimeUnit.SECONDS)).isTrue();
        return sent;
    }
}
