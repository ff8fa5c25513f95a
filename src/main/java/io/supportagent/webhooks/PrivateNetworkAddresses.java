package io.supportagent.webhooks;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;

/**
 * The addresses a hosted platform must not send requests to on a tenant's behalf: everything that is not a public
 * unicast internet address. That is loopback, "this network" ({@code 0.0.0.0/8}), the private ranges (RFC 1918,
 * IPv6 unique local {@code fc00::/7}), link-local (with the cloud metadata service at {@code 169.254.169.254}),
 * carrier-grade NAT ({@code 100.64.0.0/10}), the documentation, benchmarking and reserved ranges, multicast and
 * broadcast, and IPv4 addresses dressed as IPv6 (mapped, compatible, NAT64, 6to4) or hidden in Teredo.
 */
final class PrivateNetworkAddresses {

    private static final List<Block> IPV4 = List.of(
            Block.of("0.0.0.0/8"), // "this network"; 0.0.0.0 reaches the local host
            Block.of("10.0.0.0/8"),
            Block.of("100.64.0.0/10"), // carrier-grade NAT
            Block.of("127.0.0.0/8"),
            Block.of("169.254.0.0/16"), // link-local, cloud metadata
            Block.of("172.16.0.0/12"),
            Block.of("192.0.0.0/24"), // IETF protocol assignments
            Block.of("192.0.2.0/24"), // documentation
            Block.of("192.88.99.0/24"), // 6to4 relay anycast
            Block.of("192.168.0.0/16"),
            Block.of("198.18.0.0/15"), // benchmarking
            Block.of("198.51.100.0/24"), // documentation
            Block.of("203.0.113.0/24"), // documentation
            Block.of("224.0.0.0/4"), // multicast
            Block.of("240.0.0.0/4")); // reserved, with the broadcast address 255.255.255.255

    private static final List<Block> IPV6 = List.of(
            Block.of("::/96"), // unspecified, loopback and the deprecated IPv4-compatible addresses
            Block.of("64:ff9b:1::/48"), // local-use NAT64
            Block.of("100::/64"), // discard
            Block.of("2001::/32"), // Teredo: the IPv4 address inside is obfuscated
            Block.of("2001:db8::/32"), // documentation
            Block.of("fc00::/7"), // unique local
            Block.of("fe80::/10"), // link-local
            Block.of("fec0::/10"), // deprecated site-local
            Block.of("ff00::/8")); // multicast

    private static final byte[] MAPPED_PREFIX = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff};
    private static final byte[] NAT64_PREFIX = {0, 0x64, (byte) 0xff, (byte) 0x9b, 0, 0, 0, 0, 0, 0, 0, 0};

    private PrivateNetworkAddresses() {}

    /** Whether the address is anything but a public unicast internet address. */
    static boolean contains(InetAddress address) {
        if (address.isAnyLocalAddress()
                || address.isLoopbackAddress()
                || address.isLinkLocalAddress()
                || address.isSiteLocalAddress()
                || address.isMulticastAddress()) {
            return true;
        }
        byte[] bytes = address.getAddress();
        if (address instanceof Inet4Address) {
            return IPV4.stream().anyMatch(b -> b.contains(bytes));
        }
        if (IPV6.stream().anyMatch(b -> b.contains(bytes))) {
            return true;
        }
        byte[] embedded = embeddedIpv4(bytes);
        return embedded != null && IPV4.stream().anyMatch(b -> b.contains(embedded));
    }

    /** The IPv4 address an IPv6 address carries: IPv4-mapped, well-known NAT64 prefix, or 6to4. */
    private static byte[] embeddedIpv4(byte[] ipv6) {
        if (Arrays.equals(ipv6, 0, 12, MAPPED_PREFIX, 0, 12) || Arrays.equals(ipv6, 0, 12, NAT64_PREFIX, 0, 12)) {
            return Arrays.copyOfRange(ipv6, 12, 16);
        }
        if (ipv6[0] == 0x20 && ipv6[1] == 0x02) {
            return Arrays.copyOfRange(ipv6, 2, 6);
        }
        return null;
    }

    private record Block(byte[] prefix, int bits) {

        static Block of(String cidr) {
            String[] parts = cidr.split("/");
            try {
                // a literal: parsed, never looked up
                return new Block(InetAddress.getByName(parts[0]).getAddress(), Integer.parseInt(parts[1]));
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException(cidr, e);
            }
        }

        boolean contains(byte[] address) {
            if (address.length != prefix.length) {
                return false;
            }
            int whole = bits / 8;
            if (!Arrays.equals(address, 0, whole, prefix, 0, whole)) {
                return false;
            }
            int rest = bits % 8;
            if (rest == 0) {
                return true;
            }
            int mask = 0xff << (8 - rest);
            return (address[whole] & mask) == (prefix[whole] & mask);
        }
    }
}
