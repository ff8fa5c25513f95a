package io.supportagent.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PrivateNetworkAddressesTests {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "127.0.0.1",
                "127.255.255.254",
                "10.0.0.1",
                "10.255.255.255",
                "172.16.0.1",
                "172.31.255.255",
                "192.168.0.1",
                "169.254.169.254", // cloud metadata
                "169.254.0.1",
                "100.64.0.1", // carrier-grade NAT
                "100.127.255.255",
                "0.0.0.0",
                "0.1.2.3",
                "192.0.0.170",
                "192.0.2.1",
                "198.18.0.1",
                "198.51.100.7",
                "203.0.113.9",
                "224.0.0.1",
                "239.255.255.250",
                "240.0.0.1",
                "255.255.255.255",
                "::",
                "::1",
                "::127.0.0.1", // IPv4-compatible
                "::ffff:127.0.0.1", // IPv4-mapped
                "::ffff:10.1.2.3",
                "::ffff:169.254.169.254",
                "64:ff9b::a00:1", // NAT64 of 10.0.0.1
                "2002:a9fe:a9fe::1", // 6to4 of 169.254.169.254
                "2001:0:4136:e378:8000:63bf:3fff:fdd2", // Teredo
                "2001:db8::1",
                "fc00::1",
                "fd12:3456:789a::1",
                "fe80::1",
                "febf::1",
                "fec0::1",
                "ff02::1",
                "100::1"
            })
    void containsEveryAddressThatIsNotPublicUnicast(String literal) throws UnknownHostException {
        assertThat(PrivateNetworkAddresses.contains(InetAddress.getByName(literal)))
                .as(literal)
                .isTrue();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "93.184.216.34",
                "1.1.1.1",
                "8.8.8.8",
                "9.255.255.255", // just below 10/8
                "11.0.0.0", // just above 10/8
                "100.63.255.255", // just below 100.64/10
                "100.128.0.0", // just above it
                "172.15.255.255", // just below 172.16/12
                "172.32.0.0", // just above it
                "169.253.255.255",
                "192.167.255.255",
                "198.20.0.1",
                "223.255.255.255", // last below multicast
                "2606:4700::1111",
                "2a00:1450:4001:80b::200e",
                "::ffff:93.184.216.34",
                "64:ff9b::5db8:d822", // NAT64 of 93.184.216.34
                "2002:5db8:d822::1", // 6to4 of 93.184.216.34
                "fbff:ffff::1", // just below fc00::/7
                "fe00::1" // between fc00::/7 and fe80::/10
            })
    void leavesOutPublicAddresses(String literal) throws UnknownHostException {
        assertThat(PrivateNetworkAddresses.contains(InetAddress.getByName(literal)))
                .as(literal)
                .isFalse();
    }
}
