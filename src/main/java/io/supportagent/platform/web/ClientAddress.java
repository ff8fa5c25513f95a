package io.supportagent.platform.web;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * A client address as per-client limits count it: an IPv4 address as it is, an IPv6 address by its /64 network,
 * since one subscriber usually holds a whole /64 and could otherwise present a fresh address with every request.
 */
public final class ClientAddress {

    private ClientAddress() {}

    public static String group(String address) {
        if (address == null || address.indexOf(':') < 0) {
            return address;
        }
        try {
            // A literal with ':' is parsed, never looked up.
            byte[] bytes = InetAddress.getByName(address).getAddress();
            if (bytes.length != 16) {
                return address; // an IPv4-mapped address reads as IPv4
            }
            StringBuilder network = new StringBuilder();
            for (int i = 0; i < 8; i += 2) {
                network.append(Integer.toHexString((bytes[i] & 0xff) << 8 | bytes[i + 1] & 0xff))
                        .append(':');
            }
            return network.append(":/64").toString();
        } catch (UnknownHostException e) {
            return address;
        }
    }
}
