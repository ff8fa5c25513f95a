package io.supportagent.webhooks;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Where the platform may send webhooks: hosts on the public internet only, so that no tenant can make it reach
 * loopback, the private network it runs in or the cloud metadata service (server-side request forgery). Checked
 * when an endpoint is registered and again before every delivery, because DNS answers change. Tests and a local demo
 * that deliver to receivers on this machine turn {@code support-agent.webhooks.allow-private-targets} on.
 */
@Component
class WebhookTargets {

    /** Looks a host up; {@link InetAddress#getAllByName} outside unit tests. */
    interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    /** Names that only ever mean this machine or a private network, whatever a resolver answers for them. */
    private static final List<String> LOCAL_SUFFIXES =
            List.of(".localhost", ".local", ".localdomain", ".internal", ".home.arpa");

    private final boolean allowPrivateTargets;
    private final Resolver resolver;

    @Autowired
    WebhookTargets(WebhookSettings settings) {
        this(settings.allowPrivateTargets(), InetAddress::getAllByName);
    }

    WebhookTargets(boolean allowPrivateTargets, Resolver resolver) {
        this.allowPrivateTargets = allowPrivateTargets;
        this.resolver = resolver;
    }

    /**
     * Refuses a host that is a local name or has any private network address among its addresses (the client may
     * connect to any of them). A host that does not resolve is left to the caller: the lookup's exception propagates.
     *
     * @param host a URL's host: a name, an IPv4 literal or a bracketed IPv6 literal
     * @throws PrivateTargetRefused when the host is not on the public internet
     */
    void check(String host) throws UnknownHostException {
        if (allowPrivateTargets) {
            return;
        }
        if (isLocalName(host)) {
            throw new PrivateTargetRefused(host, null);
        }
        for (InetAddress address : resolver.resolve(host)) {
            if (PrivateNetworkAddresses.contains(address)) {
                throw new PrivateTargetRefused(host, address);
            }
        }
    }

    /**
     * {@code localhost} and the like ({@code metadata.google.internal} among them), and names without a dot: those resolve through the platform's own search
     * domains (in Kubernetes {@code postgres} is the database), never to a tenant's public server.
     */
    static boolean isLocalName(String host) {
        if (host.startsWith("[")) {
            return false; // an IPv6 literal
        }
        String name = host.toLowerCase(Locale.ROOT);
        if (name.endsWith(".")) {
            name = name.substring(0, name.length() - 1);
        }
        String dotted = "." + name;
        return name.indexOf('.') < 0 || LOCAL_SUFFIXES.stream().anyMatch(dotted::endsWith);
    }
}
