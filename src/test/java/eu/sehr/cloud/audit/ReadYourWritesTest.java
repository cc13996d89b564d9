package eu.sehr.cloud.audit;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import eu.sehr.cloud.audit.steps.CitizenAuditTrail;

import eu.sehr.cloud.support.Api;
import eu.sehr.cloud.support.Api.Citizen;
import eu.sehr.cloud.support.RunningService;
import eu.sehr.cloud.support.RunningService.Started;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /citizen/auditing} waits for the view to hold the citizen's own requests, but not for lines the view
 * never shows: reading the audit twice in a row does not wait for the first read's own event. The service here waits
 * up to 60 s, so a read that waited for such an event (its processor stores the token of a batch it ignored only after seconds)
 * would not be answered within the client's 5 s.
 */
class ReadYourWritesTest {

    @Test
    void should_answer_back_to_back_reads_of_the_audit_without_waiting_for_their_own_events() throws Exception {
        try (Started service = Started.start(RunningService.tempDir(), Map.of("sehr.audit.read-your-writes-wait", "60s"))) {
            Api api = service.api();
            Citizen citizen = api.newCitizen();
            api.signConsent(citizen.token(), "cloud").expect(200);
            api.upload("/citizen/upload", citizen.token(), "PATIENT_SUMMARY", new byte[100]).expect(201);

            for (int read = 0; read < 3; read++) {
                HttpResponse<String> audit = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                                URI.create(api.base() + "/citizen/auditing"))
                        .header("Authorization", "Bearer " + citizen.token()).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(audit.statusCode()).isEqualTo(200);
                assertThat(audit.body()).as("the citizen's own upload is there").contains("PATIENT_SUMMARY");
            }
        }
    }

    /**
     * Two reads in a row within the read-your-writes wait: the second does not wait for the first one's own
     * {@code AuditTrailRead} event, so neither waits out the bound nor logs that the view is behind. The wait is 10 s
     * here and a read must answer within half of it (generous: a read that waited for itself would take the whole 10 s).
     */
    @Test
    void should_answer_two_reads_in_a_row_fast_and_without_a_warning() {
        Logger logger = (Logger) LoggerFactory.getLogger(CitizenAuditTrail.class);
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        logger.addAppender(log);
        try (Started service = Started.start(RunningService.tempDir(), Map.of("sehr.audit.read-your-writes-wait", "10s"))) {
            Api api = service.api();
            Citizen citizen = api.newCitizen();
            api.signConsent(citizen.token(), "cloud").expect(200);
            api.upload("/citizen/upload", citizen.token(), "PATIENT_SUMMARY", new byte[100]).expect(201);

            for (int read = 0; read < 2; read++) {
                long started = System.nanoTime();
                assertThat(api.get("/citizen/auditing", citizen.token()).expect(200).text()).contains("PATIENT_SUMMARY");
                assertThat(Duration.ofNanos(System.nanoTime() - started)).as("read %d", read + 1)
                        .isLessThan(Duration.ofSeconds(5));
            }
            assertThat(log.list).filteredOn(event -> event.getLevel().isGreaterOrEqual(Level.WARN)).isEmpty();
        } finally {
            logger.detachAppender(log);
        }
    }
}
