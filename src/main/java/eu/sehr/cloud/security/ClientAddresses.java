package eu.sehr.cloud.security;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

import io.vertx.core.net.SocketAddress;

/**
 * Who the client is, as far as the network tells: the TCP peer's address, or, when the peer is one of the
 * configured trusted proxies ({@code sehr.http.trusted-proxies}), the last hop of {@code X-Forwarded-For} that is
 * not itself a trusted proxy. A client that talks to the service directly cannot choose its address by sending the
 * header. The address keys the login throttle, the per-client request cap and the anonymous refusal summaries.
 */
public final class ClientAddresses {

    private final Set<String> trustedProxies;

    public ClientAddresses(Set<String> trustedProxies) {
        this.trustedProxies = Set.copyOf(trustedProxies);
    }

    /** From a comma-separated list of proxy addresses (empty: no proxy is trusted). */
    public static ClientAddresses fromList(String trustedProxies) {
        return new ClientAddresses(Arrays.stream(trustedProxies == null ? new String[0] : trustedProxies.split(","))
                .map(String::trim)
                .filter(address -> !address.isEmpty())
                .collect(Collectors.toSet()));
    }

    /**
     * The client's address.
     *
     * @param peer          the TCP peer's address (host part only)
     * @param forwardedFor  the {@code X-Forwarded-For} header, or null
     */
    public String of(String peer, String forwardedFor) {
        String address = normalise(peer);
        if (!trustedProxies.contains(address) || forwardedFor == null || forwardedFor.isBlank()) {
            return address;
        }
        List<String> hops = Arrays.stream(forwardedFor.split(",")).map(ClientAddresses::normalise).toList();
        for (int i = hops.size() - 1; i >= 0; i--) {
            String hop = hops.get(i);
            if (hop.isEmpty()) {
                return address;
            }
            if (!trustedProxies.contains(hop)) {
                return hop;
            }
        }
        return address;
    }

    /**
     * The client's address from what a route has: the peer (header {@code CamelVertxPlatformHttpRemoteAddress}) and the
     * {@code X-Forwarded-For} header (one value, or a list when the header came more than once). A query parameter
     * cannot pose as the header: the HTTP layer refuses query parameters named like headers.
     */
    public String of(SocketAddress peer, Object forwardedFor) {
        return of(peer == null ? null : peer.hostAddress(), joined(forwardedFor));
    }

    private static String joined(Object forwardedFor) {
        if (forwardedFor instanceof Iterable<?> values) {
            return StreamSupport.stream(values.spliterator(), false).map(String::valueOf).collect(Collectors.joining(","));
        }
        return forwardedFor == null ? null : forwardedFor.toString();
    }

    private static String normalise(String address) {
        if (address == null) {
            return "";
        }
        String trimmed = address.trim();
        if (trimmed.startsWith("[") && trimmed.endsWith("]")) {
            return trimmed.substring(1, trimmed.length() - 1);
        }
        return trimmed;
    }
}
