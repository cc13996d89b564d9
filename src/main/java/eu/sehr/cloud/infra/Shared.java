package eu.sehr.cloud.infra;

import java.time.Clock;

import com.fasterxml.jackson.databind.ObjectMapper;
import eu.sehr.cloud.infra.http.JsonBodies;
import eu.sehr.cloud.infra.http.RequestBodies;
import eu.sehr.cloud.operations.Metrics;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventhandling.gateway.EventGateway;

/**
 * What the pipeline beans of every feature are built with: the settings, the JSON mapper, Axon's gateways, the
 * clock, the metrics and the request body readers. Handed to each feature's bean configuration ({@code *Beans}).
 */
public record Shared(Settings settings, ObjectMapper mapper, CommandGateway commands, EventGateway events, Clock clock,
                     Metrics metrics, RequestBodies requestBodies, JsonBodies bodies) {
}
