package io.supportagent.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;

/**
 * A shop of {@link AgentFixtures#shop} seen from its web site: shoppers talking to its agent through the widget API
 * over HTTP, with the shop's widget key and origin, and the live dashboard's address of its organization.
 */
public record WidgetShop(AgentFixtures.Shop shop, int port) {

    /** A new organization with such a shop, on the server at {@code port}. */
    public static WidgetShop open(AgentFixtures shops, int port) {
        return new WidgetShop(shops.shop("shopper@example.com"), port);
    }

    /** A conversation of the widget: its id and the shopper's conversation token. */
    public record Chat(String id, String token) {}

    public Fixtures.Org org() {
        return shop.org();
    }

    /** The organization's live dashboard. */
    public String base() {
        return "/app/" + shop.org().organization().id() + "/live";
    }

    /** The widget API as the shop's page calls it; with the shopper's conversation token unless null. */
    public Http widget(String token) {
        Http http = Http.on(port)
                .header("X-Widget-Key", shop.instance().publicKey())
                .header("Origin", AgentFixtures.ORIGIN);
        return token == null ? http : http.header("X-Conversation-Token", token);
    }

    /** A widget conversation whose shopper asked for a person at once. */
    public Chat handedOff() {
        String token = "ct_" + UUID.randomUUID().toString().replace("-", "") + "abcdefghijklmnopqrstuvwxyz";
        var started = widget(token)
                .post(
                        "/widget/v1/conversations",
                        Map.of("message", "I want to talk to a human", "conversation_token", token));
        assertThat(started.status()).as(started.toString()).isEqualTo(201);
        assertThat(started.json().get("conversation").get("status").asString()).isEqualTo("handed_off");
        return new Chat(started.json().get("id").asString(), token);
    }
}
