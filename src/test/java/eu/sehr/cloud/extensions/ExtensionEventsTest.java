package eu.sehr.cloud.extensions;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import com.fasterxml.jackson.databind.ObjectMapper;
import eu.sehr.cloud.audit.api.Actor;
import eu.sehr.cloud.audit.chain.HashChain;
import eu.sehr.cloud.audit.api.AuditorEvents.AuditorLoggedIn;
import eu.sehr.cloud.infra.Json;
import eu.sehr.cloud.records.api.RecordEvents.HealthRecordUploaded;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.GenericTrackedDomainEventMessage;
import org.axonframework.eventhandling.GenericTrackedEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ExtensionEventsTest {

    private static final String ACCOUNT = "0f8e4a52-6c1d-4c55-9d8e-2a7f3b9c1d20";

    private final ObjectMapper mapper = Json.newMapper();
    private final HashChain chain = new HashChain(mapper);
    private final List<Object> delivered = new CopyOnWriteArrayList<>();
    private final CamelContext camel = new DefaultCamelContext();

    @AfterEach
    void stopCamel() {
        camel.stop();
    }

    @Test
    @SuppressWarnings("unchecked")
    void should_hand_every_event_type_to_the_extension_route_in_its_public_shape() throws Exception {
        ExtensionEvents extension = connected(route -> route.process(exchange -> delivered.add(exchange.getMessage().getBody())));
        AnnotationEventHandlerAdapter handlers = new AnnotationEventHandlerAdapter(extension);
        HealthRecordUploaded upload = new HealthRecordUploaded(ACCOUNT, "alice", "LAB", 12, "ab".repeat(32), "application/pdf", null, null);
        MetaData metaData = chain.link(null, ACCOUNT, 3, upload, Actor.citizen("alice"), Instant.parse("2026-03-01T10:15:30.123Z"));

        handlers.handle(new GenericTrackedDomainEventMessage<>(new GlobalSequenceTrackingToken(41), "CitizenAccount", ACCOUNT, 3,
                GenericEventMessage.asEventMessage(upload).withMetaData(metaData), () -> Instant.now()));
        handlers.handle(new GenericTrackedEventMessage<>(new GlobalSequenceTrackingToken(42),
                GenericEventMessage.asEventMessage(new AuditorLoggedIn("carol")).withMetaData(Map.of(Actor.KIND, "AUDITOR", Actor.NAME, "carol"))));

        assertThat(delivered).hasSize(2);
        Map<String, Object> first = (Map<String, Object>) delivered.get(0);
        assertThat(first.keySet()).containsExactly("position", "citizen", "account", "sequence", "type", "timestamp", "actor",
                "payload", "prevHash", "hash");
        assertThat(first).containsEntry("position", 41L).containsEntry("citizen", "alice").containsEntry("account", ACCOUNT)
                .containsEntry("sequence", 3L).containsEntry("type", "HealthRecordUploaded")
                .containsEntry("timestamp", "2026-03-01T10:15:30.123Z")
                .containsEntry("prevHash", HashChain.GENESIS).containsEntry("hash", metaData.get(HashChain.HASH));
        assertThat((Map<String, Object>) first.get("actor")).containsEntry("kind", "CITIZEN").containsEntry("name", "alice");
        assertThat((Map<String, Object>) first.get("payload")).containsEntry("object", "LAB").containsEntry("bytes", 12L)
                .containsEntry("sha256", "ab".repeat(32));
        Map<String, Object> second = (Map<String, Object>) delivered.get(1);
        assertThat(second).containsEntry("position", 42L).containsEntry("type", "AuditorLoggedIn")
                .containsEntry("citizen", null).containsEntry("account", null).containsEntry("sequence", null);
    }

    @Test
    void should_fail_the_handler_when_an_extension_fails_so_that_the_processor_retries() {
        ExtensionEvents extension = connected(route -> route.throwException(new IllegalStateException("FHIR server down")));
        EventMessage<?> event = new GenericTrackedEventMessage<>(new GlobalSequenceTrackingToken(7),
                GenericEventMessage.asEventMessage(new AuditorLoggedIn("carol")));

        assertThatThrownBy(() -> new AnnotationEventHandlerAdapter(extension).handle(event))
                .hasRootCauseMessage("FHIR server down");
    }

    private ExtensionEvents connected(java.util.function.Consumer<org.apache.camel.model.RouteDefinition> steps) {
        try {
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    steps.accept(from(ExtensionEvents.ENDPOINT));
                }
            });
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        camel.start();
        ExtensionEvents extension = new ExtensionEvents(account -> Optional.of("alice"), mapper);
        extension.connect(camel.createProducerTemplate());
        return extension;
    }
}
