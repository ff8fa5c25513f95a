package io.supportagent.webhooks;

import java.net.InetAddress;

/** A webhook URL's host is a local name or resolves to a private network address; nothing is sent to it. */
class PrivateTargetRefused extends RuntimeException {

    private final transient InetAddress address;

    PrivateTargetRefused(String host, InetAddress address) {
        super(host + (address == null ? " is a local host name" : " resolves to a private network address")
                + "; webhooks are sent to public internet addresses only");
        this.address = address;
    }

    /** The refused address, for the operator's log; {@code null} when the name itself was refused. */
    InetAddress address() {
        return address;
    }
}
