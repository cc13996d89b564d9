package eu.sehr.cloud.support;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A free TCP port for a server that a test starts a moment later. The ports come from below the kernel's ephemeral
 * range (net.ipv4.ip_local_port_range, 32768-60999 by default), so none of them can be handed in between to a
 * server that binds port 0 (the embedded S3 server, a client socket): the port a test probed and released stays
 * free for the server it names. Ports are handed out in turn, so two servers of one test run never get the same.
 */
public final class FreePorts {

    private static final int LOWEST = 20_000;
    private static final int BELOW_EPHEMERAL = 32_768;
    private static final AtomicInteger NEXT = new AtomicInteger(LOWEST + ThreadLocalRandom.current().nextInt(6_000));

    private FreePorts() {
    }

    public static int take() {
        for (int tried = 0; tried < BELOW_EPHEMERAL - LOWEST; tried++) {
            int port = LOWEST + Math.floorMod(NEXT.getAndIncrement() - LOWEST, BELOW_EPHEMERAL - LOWEST);
            try (ServerSocket probe = new ServerSocket()) {
                probe.bind(new InetSocketAddress(port));
                return port;
            } catch (IOException taken) {
                // in use: the next one
            }
        }
        throw new IllegalStateException("no free port between " + LOWEST + " and " + (BELOW_EPHEMERAL - 1));
    }
}
