package eu.sehr.cloud.security;

import java.util.List;

import io.vertx.core.net.SocketAddress;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ClientAddressesTest {

    private final ClientAddresses addresses = ClientAddresses.fromList("10.0.0.1, 10.0.0.2");

    @Test
    void should_take_the_peer_of_a_client_that_is_no_proxy_whatever_it_forwards() {
        assertThat(addresses.of(peer("203.0.113.9"), "198.51.100.1")).isEqualTo("203.0.113.9");
    }

    @Test
    void should_take_the_last_untrusted_hop_behind_trusted_proxies() {
        assertThat(addresses.of(peer("10.0.0.1"), "198.51.100.1, 203.0.113.9, 10.0.0.2")).isEqualTo("203.0.113.9");
    }

    @Test
    void should_read_a_repeated_x_forwarded_for_header_as_one_list_of_hops() {
        assertThat(addresses.of(peer("10.0.0.1"), List.of("198.51.100.1", "203.0.113.9"))).isEqualTo("203.0.113.9");
    }

    @Test
    void should_give_no_address_rather_than_fail_without_a_peer() {
        assertThat(addresses.of((SocketAddress) null, null)).isEmpty();
    }

    private static SocketAddress peer(String host) {
        return SocketAddress.inetSocketAddress(40000, host);
    }
}
