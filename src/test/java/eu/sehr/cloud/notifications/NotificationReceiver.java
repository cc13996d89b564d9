package eu.sehr.cloud.notifications;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpServer;
import eu.sehr.cloud.support.FreePorts;

/**
 * A real HTTP server that receives notifications on one port, as an integrator's push service would: it keeps what
 * it received (body bytes, signature header, content type, time), answers 204, and can be stopped and started
 * again on the same port.
 */
final class NotificationReceiver implements AutoCloseable {

    record Received(byte[] body, String signature, String contentType, String method, Instant at) {
    }

    private final int port = FreePorts.take();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private HttpServer server;

    String url() {
        return "http://127.0.0.1:" + port + "/sehr/notifications";
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    void start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/sehr/notifications", exchange -> {
            try (InputStream body = exchange.getRequestBody()) {
                received.add(new Received(body.readAllBytes(), exchange.getRequestHeaders().getFirst("Sehr-Signature"),
                        exchange.getRequestHeaders().getFirst("Content-Type"), exchange.getRequestMethod(), Instant.now()));
            }
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.start();
    }

    void stop() {
        if (server != null) {
            server.stop(0);
            server = null;
        }
    }

    @Override
    public void close() {
        stop();
    }

}
