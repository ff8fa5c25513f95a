package io.supportagent.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WebhookTargetsTests {

    /** A DNS of its own: names to addresses, anything else unknown; remembers what it was asked. */
    final List<String> lookedUp = new ArrayList<>();

    WebhookTargets targets(boolean allowPrivateTargets, Map<String, List<String>> dns) {
        return new WebhookTargets(allowPrivateTargets, host -> {
            lookedUp.add(host);
            List<String> addresses = dns.get(host);
            if (addresses == null) {
                throw new UnknownHostException(host);
            }
            InetAddress[] answer = new InetAddress[addresses.size()];
            for (int i = 0; i < answer.length; i++) {
                answer[i] = InetAddress.getByAddress(
                        host, InetAddress.getByName(addresses.get(i)).getAddress());
            }
            return answer;
        });
    }

    @Test
    void refusesAHostWithAnyPrivateAddress() {
        var targets = targets(
                false,
                Map.of(
                        "rebound.example.net", List.of("10.0.0.5"),
                        "split.example.net", List.of("93.184.216.34", "127.0.0.1"),
                        "metadata.example.net", List.of("169.254.169.254")));

        for (String host : List.of("rebound.example.net", "split.example.net", "metadata.example.net")) {
            assertThatThrownBy(() -> targets.check(host))
                    .as(host)
                    .isInstanceOf(PrivateTargetRefused.class)
                    .hasMessageContaining(host)
                    .hasMessageContaining("private network address");
        }
    }

    @Test
    void acceptsAHostWithOnlyPublicAddresses() {
        var targets = targets(false, Map.of("hooks.example.net", List.of("93.184.216.34", "2606:4700::1111")));

        assertThatCode(() -> targets.check("hooks.example.net")).doesNotThrowAnyException();
        assertThat(lookedUp).containsExactly("hooks.example.net");
    }

    @Test
    void refusesLocalNamesWithoutAskingTheDns() {
        var targets = targets(false, Map.of());

        for (String host : List.of(
                "localhost",
                "LocalHost.",
                "app.localhost",
                "printer.local",
                "metadata.google.internal",
                "router.home.arpa",
                "db.localdomain",
                "postgres")) {
            assertThatThrownBy(() -> targets.check(host))
                    .as(host)
                    .isInstanceOf(PrivateTargetRefused.class)
                    .hasMessageContaining("local host name");
        }
        assertThat(lookedUp).isEmpty();
    }

    @Test
    void leavesAHostThatDoesNotResolveToTheCaller() {
        var targets = targets(false, Map.of());

        assertThatThrownBy(() -> targets.check("no-such-host.example.net")).isInstanceOf(UnknownHostException.class);
    }

    @Test
    void allowsEverythingWithoutLookingUpWhenPrivateTargetsAreAllowed() throws UnknownHostException {
        var targets = targets(true, Map.of());

        targets.check("localhost");
        targets.check("127.0.0.1");
        targets.check("[::1]");
        assertThat(lookedUp).isEmpty();
    }

    @Test
    void checksLiteralsThroughTheResolverLikeTheHttpClient() throws UnknownHostException {
        var targets = new WebhookTargets(false, InetAddress::getAllByName);

        assertThatThrownBy(() -> targets.check("[::1]")).isInstanceOf(PrivateTargetRefused.class);
        assertThatThrownBy(() -> targets.check("127.1")).isInstanceOf(PrivateTargetRefused.class);
        assertThatThrownBy(() -> targets.check("169.254.169.254")).isInstanceOf(PrivateTargetRefused.class);
        targets.check("93.184.216.34");
        targets.check("[2606:4700::1111]");
    }
}
