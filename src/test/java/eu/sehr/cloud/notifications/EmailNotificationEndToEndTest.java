package eu.sehr.cloud.notifications;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import eu.sehr.cloud.emergency.EmergencyRequests;
import eu.sehr.cloud.emergency.trust.DevCertificates;
import eu.sehr.cloud.support.Api;
import eu.sehr.cloud.support.Api.Citizen;
import eu.sehr.cloud.support.FreePorts;
import eu.sehr.cloud.support.RunningService;
import eu.sehr.cloud.support.RunningService.Started;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static eu.sehr.cloud.support.Resources.closeQuietly;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The e-mail example extension (routes/extensions/notify-email.camel.yaml) against an embedded SMTP server: with
 * sehr.notify.endpoint=direct:notify-email, a granted emergency access becomes a plain-text mail to the citizen's
 * address, naming who and when, never the justification.
 */
@Timeout(120)
class EmailNotificationEndToEndTest {

    private static GreenMail smtp;
    private static Started service;

    @BeforeAll
    static void an_smtp_server_and_a_service_that_mails_notifications() {
        smtp = new GreenMail(new ServerSetup(FreePorts.take(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        service = Started.start(RunningService.tempDir(), Map.of(
                "sehr.notify.endpoint", "direct:notify-email",
                "sehr.notify.poll-interval", "200",
                "sehr.notify-email.host", "127.0.0.1",
                "sehr.notify-email.port", Integer.toString(smtp.getSmtp().getPort()),
                "sehr.notify-email.from", "sehr-cloud@hospital.example",
                "sehr.notify-email.domain", "notify.example.org"));
    }

    @AfterAll
    static void stop() {
        closeQuietly(service);
        if (smtp != null) {
            smtp.stop();
        }
    }

    @Test
    void should_mail_the_citizen_who_accessed_their_records_without_the_justification() throws Exception {
        Api api = service.api();
        EmergencyRequests requests = new EmergencyRequests(api, service.hcoCa());
        Citizen citizen = api.newCitizen();
        requests.hcpToken(requests.signHcoConsent(citizen),
                new DevCertificates(Clock.systemUTC()).hco("St Mary Hospital", service.hcoCa()), "Dr House");

        await().atMost(Duration.ofSeconds(10)).until(() -> smtp.getReceivedMessages().length >= 1);

        MimeMessage mail = smtp.getReceivedMessages()[0];
        assertThat(mail.getRecipients(Message.RecipientType.TO)[0].toString())
                .isEqualTo(citizen.username() + "@notify.example.org");
        assertThat(mail.getFrom()[0].toString()).isEqualTo("sehr-cloud@hospital.example");
        assertThat(mail.getSubject()).contains("EmergencyAccessGranted");
        String text = GreenMailUtil.getBody(mail);
        assertThat(text).contains("St Mary Hospital").contains("Dr House").doesNotContain(EmergencyRequests.JUSTIFICATION);
        assertThat(mail.getHeader("Sehr-Signature")).isNotNull();
    }

}
