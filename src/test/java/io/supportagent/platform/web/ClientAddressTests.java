package io.supportagent.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Per-client limits count an IPv6 client by its /64, the block one subscriber usually holds. */
class ClientAddressTests {

    @Test
    void groupsIpv6AddressesOfOneSlash64Together() {
        assertThat(ClientAddress.group("2001:db8:1:2:aaaa:bbbb:cccc:dddd"))
                .isEqualTo(ClientAddress.group("2001:db8:1:2::1"))
                .isEqualTo(ClientAddress.group("2001:0db8:0001:0002:ffff:ffff:ffff:ffff"))
                .isEqualTo("2001:db8:1:2::/64");
    }

    @Test
    void keepsNeighbouringSlash64sApart() {
        assertThat(ClientAddress.group("2001:db8:1:3::1")).isNotEqualTo(ClientAddress.group("2001:db8:1:2::1"));
    }

    @Test
    void keepsIpv4AddressesAsTheyAre() {
        assertThat(ClientAddress.group("192.0.2.10")).isEqualTo("192.0.2.10");
        assertThat(ClientAddress.group("192.0.2.11")).isNotEqualTo(ClientAddress.group("192.0.2.10"));
        assertThat(ClientAddress.group(null)).isNull();
    }
}
