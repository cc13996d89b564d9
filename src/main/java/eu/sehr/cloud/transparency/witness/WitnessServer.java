package eu.sehr.cloud.transparency.witness;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A witness's HTTP endpoint, {@code POST /add-checkpoint} (c2sp.org/tlog-witness), on the JDK's HTTP server. A
 * refusal that may mean the log misbehaved (a fork, a rollback) is logged at error level with the request, as
 * evidence.
 */
public final class WitnessServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(WitnessServer.class);
    /** A request holds at most 63 proof lines and a checkpoint with a few signatures: far below this. */
    private static final int MAX_BODY = 64 * 1024;

    private final HttpServer server;
    private final ExecutorService threads;

    private WitnessServer(HttpServer server, ExecutorService threads) {
        this.server = server;
        this.threads = threads;
    }

    public static WitnessServer start(InetSocketAddress address, Witness witness) throws IOException {
        HttpServer server = HttpServer.create(address, 0);
        ExecutorService threads = Executors.newFixedThreadPool(4);
        server.setExecutor(threads);
        server.createContext("/add-checkpoint", exchange -> handle(exchange, witness));
        server.start();
        return new WitnessServer(server, threads);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private static void handle(HttpExchange exchange, Witness witness) throws IOException {
        try (exchange) {
            if (!"POST".equals(exchange.getRequestMethod()) || !"/add-checkpoint".equals(exchange.getRequestURI().getPath())) {
                respond(exchange, 405, WitnessOutcome.PLAIN_TEXT, "POST /add-checkpoint only\n");
                return;
            }
            byte[] body = readLimited(exchange.getRequestBody());
            if (body == null) {
                respond(exchange, 413, WitnessOutcome.PLAIN_TEXT, "the request is too large\n");
                return;
            }
            WitnessOutcome outcome;
            try {
                outcome = witness.addCheckpoint(body);
            } catch (IOException e) {
                LOG.error("The witness state cannot be read or saved: {}", e.getMessage());
                respond(exchange, 500, WitnessOutcome.PLAIN_TEXT, "the witness state is unavailable\n");
                return;
            }
            if (outcome.isPossibleLogMisbehaviour()) {
                LOG.error("REFUSED to cosign, the log may have misbehaved: {}. Request:\n{}", outcome.body().strip(),
                        new String(body, StandardCharsets.UTF_8));
            } else if (outcome.httpStatus() != 200) {
                LOG.info("Refused a checkpoint ({}): {}", outcome.httpStatus(), outcome.body().strip());
            }
            respond(exchange, outcome.httpStatus(), outcome.contentType(), outcome.body());
        }
    }

    private static byte[] readLimited(InputStream in) throws IOException {
        byte[] body = in.readNBytes(MAX_BODY + 1);
        return body.length > MAX_BODY ? null : body;
    }

    private static void respond(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(1);
        threads.shutdownNow();
    }
}
