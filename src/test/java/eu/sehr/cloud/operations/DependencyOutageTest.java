package eu.sehr.cloud.operations;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.mongodb.MongoTimeoutException;
import eu.sehr.cloud.support.MovableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DependencyOutageTest {

    private final MovableClock clock = new MovableClock(Instant.parse("2026-12-01T00:00:00Z"));
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private final Logger logger = (Logger) LoggerFactory.getLogger(DependencyOutage.class);
    private final DependencyOutage outage = new DependencyOutage("MongoDB (the audit views) at mongodb://mongo:27017",
            "the audit-citizen-view processor", clock);
    private final AtomicInteger calls = new AtomicInteger();

    @BeforeEach
    void listen() {
        log.start();
        logger.addAppender(log);
    }

    @AfterEach
    void stopListening() {
        logger.detachAppender(log);
    }

    @Test
    void should_log_one_line_naming_the_dependency_and_back_off_while_it_is_down_then_say_it_is_back() {
        for (int second = 0; second < 60; second++) {
            assertThatThrownBy(() -> outage.run(this::failingCall)).isInstanceOf(ReportedOutage.class);
            clock.move(Duration.ofSeconds(1));
        }
        // attempts at 0, 2, 6, 14, 30 s (waits 2, 4, 8, 16, then 30 s at most): the others failed without a call
        assertThat(calls).hasValue(5);
        List<String> lines = log.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
        assertThat(lines).hasSize(5).allSatisfy(line -> assertThat(line)
                .startsWith("MongoDB (the audit views) at mongodb://mongo:27017 is unavailable (")
                .contains("the audit-citizen-view processor retries in").doesNotContain("\n"));
        assertThat(log.list).allSatisfy(event -> assertThat(event.getThrowableProxy()).isNull());

        clock.move(DependencyOutage.LONGEST_WAIT);
        outage.run(calls::incrementAndGet);

        assertThat(log.list.get(log.list.size() - 1).getFormattedMessage())
                .startsWith("MongoDB (the audit views) at mongodb://mongo:27017 is back: the audit-citizen-view processor goes on");
        outage.run(calls::incrementAndGet);
        assertThat(log.list).hasSize(6);
    }

    @Test
    void should_mark_its_failures_as_reported_so_that_the_frameworks_do_not_log_them_again() {
        Throwable failure = org.assertj.core.api.Assertions.catchThrowable(() -> outage.run(this::failingCall));
        ReportedOutageFilter filter = new ReportedOutageFilter();
        Logger axon = (Logger) LoggerFactory.getLogger("org.axonframework.eventhandling.pooled.WorkPackage");
        assertThat(filter.decide(null, axon, ch.qos.logback.classic.Level.WARN, "Error while processing batch",
                new Object[] {0, "audit-citizen-view", new IllegalStateException("aborted", failure)}, null))
                .isEqualTo(ch.qos.logback.core.spi.FilterReply.DENY);
        assertThat(filter.decide(null, axon, ch.qos.logback.classic.Level.WARN, "other", new Object[] {new IllegalStateException()}, null))
                .isEqualTo(ch.qos.logback.core.spi.FilterReply.NEUTRAL);
    }

    private void failingCall() {
        calls.incrementAndGet();
        throw new MongoTimeoutException("Timed out after 4000 ms while waiting to connect.\nClient view of cluster state");
    }

}
