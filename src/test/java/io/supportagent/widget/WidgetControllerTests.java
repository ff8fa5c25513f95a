package io.supportagent.widget;

import static org.assertj.core.api.Assertions.assertThat;

import io.supportagent.support.AgentFixtures;
import io.supportagent.support.Http;
import io.supportagent.support.IntegrationTest;
import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

@IntegrationTest
@Import(AgentFixtures.class)
class WidgetControllerTests {

    @LocalServerPort
    int port;

    @Autowired
    AgentFixtures fixtures;

    @Autowired
    WidgetScriptController script;

    static final Map<String, Object> START = Map.of("message", "Hello");

    private Http widget(AgentFixtures.Shop shop) {
        return Http.on(port).header("X-Widget-Key", shop.instance().publicKey()).header("Origin", AgentFixtures.ORIGIN);
    }

    @Test
    void answersTheMergedConfig() {
        var shop = fixtures.shop("alice@example.com");

        var config = widget(shop).get("/widget/v1/config");

        assertThat(config.status()).isEqualTo(200);
        assertThat(config.json().get("name").asString()).isEqualTo("Ava");
        assertThat(config.json().get("greeting").asString()).isNotBlank();
        assertThat(config.json().get("colors").get("primary").asString()).isEqualTo("#2563eb");
        assertThat(config.header("Access-Control-Allow-Origin")).isEqualTo(AgentFixtures.ORIGIN);
    }

    @Test
    void startsAConversationWithATokenThatOpensOnlyIt() {
        var shop = fixtures.shop("alice@example.com");
        var api = widget(shop);

        var first = api.post(
                "/widget/v1/conversations",
                Map.of("message", "Where is order 1001?", "customer_email", "alice@example.com"));
        var second = api.post("/widget/v1/conversations", Map.of("message", "Hello"));
        String id = first.json().get("id").asString();
        String token = first.json().get("token").asString();
        String otherId = second.json().get("id").asString();

        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        assertThat(token).startsWith("ct_").hasSizeGreaterThan(40);
        assertThat(first.json().get("message").get("content").asString()).isEqualTo("Where is order 1001?");
        assertThat(first.json().get("reply").get("content").asString()).contains("Order 1001 is shipped");
        var sent = api.header("X-Conversation-Token", token)
                .post("/widget/v1/conversations/" + id + "/messages", Map.of("content", "Thanks!"));
        assertThat(sent.status()).isEqualTo(201);
        var history = api.header("X-Conversation-Token", token).get("/widget/v1/conversations/" + id);
        assertThat(history.json().get("messages").size()).isEqualTo(4);
        assertThat(api.header("X-Conversation-Token", token)
                        .get("/widget/v1/conversations/" + otherId)
                        .status())
                .isEqualTo(404);
        assertThat(api.get("/widget/v1/conversations/" + id).status()).isEqualTo(404);
        assertThat(api.header("X-Conversation-Token", "ct_wrong")
                        .post("/widget/v1/conversations/" + id + "/messages", Map.of("content", "hi"))
                        .status())
                .isEqualTo(404);
    }

    @Test
    void aStartStreamsTheConversationFirstThenTheReply() {
        var shop = fixtures.shop("alice@example.com");
        String token = "ct_" + "q".repeat(43);

        var response = widget(shop)
                .header("Accept", "text/event-stream")
                .post(
                        "/widget/v1/conversations",
                        Map.of("message", "How long does shipping take?", "conversation_token", token));

        assertThat(response.contentType()).startsWith("text/event-stream");
        String body = response.body();
        assertThat(body).startsWith("event: conversation\n");
        assertThat(body).doesNotContain(token);
        assertThat(body.indexOf("event: message")).isGreaterThan(0);
        assertThat(body).contains("\"title\":\"Shipping times\"").contains("event: done");
        String id = body.replaceAll("(?s).*?\"id\":\"([0-9a-f-]{36})\".*", "$1");
        var history = widget(shop).header("X-Conversation-Token", token).get("/widget/v1/conversations/" + id);
        assertThat(history.status()).isEqualTo(200);
        assertThat(history.json().get("messages").size()).isEqualTo(2);
    }

    @Test
    void streamsRepliesAsServerSentEvents() {
        var shop = fixtures.shop("alice@example.com");
        var started = widget(shop).post("/widget/v1/conversations", Map.of("message", "Hello"));

        var response = widget(shop)
                .header("X-Conversation-Token", started.json().get("token").asString())
                .header("Accept", "text/event-stream")
                .post(
                        "/widget/v1/conversations/" + started.json().get("id").asString() + "/messages",
                        Map.of("content", "How long does shipping take?"));

        assertThat(response.contentType()).startsWith("text/event-stream");
        assertThat(response.body())
                .contains("event: message")
                .contains("event: delta")
                .contains("\"title\":\"Shipping times\"")
                .contains("event: done");
        assertThat(response.header("Access-Control-Allow-Origin")).isEqualTo(AgentFixtures.ORIGIN);
    }

    @Test
    void aWidgetKeyOfOneStoreNeverReachesAnotherStoresConversationsArticlesOrOrders() {
        var shop = fixtures.shop("alice@example.com");
        var other = fixtures.secondStore(shop, "SECRET-PLUGH");
        var foreign = fixtures.shop("alice@example.com");
        var mine = widget(shop).post("/widget/v1/conversations", START);
        var theirs = Http.on(port)
                .header("X-Widget-Key", other.instance().publicKey())
                .header("Origin", "https://second.example")
                .post("/widget/v1/conversations", START);
        var foreignOrg = widget(foreign).post("/widget/v1/conversations", START);

        // my token on another store's (and another organization's) conversation id: not found
        for (var other404 : new Http.Response[] {theirs, foreignOrg}) {
            assertThat(widget(shop)
                            .header(
                                    "X-Conversation-Token",
                                    mine.json().get("token").asString())
                            .get("/widget/v1/conversations/"
                                    + other404.json().get("id").asString())
                            .status())
                    .isEqualTo(404);
        }
        // their valid token with my key: not found either
        assertThat(widget(shop)
                        .header(
                                "X-Conversation-Token",
                                theirs.json().get("token").asString())
                        .get("/widget/v1/conversations/"
                                + theirs.json().get("id").asString())
                        .status())
                .isEqualTo(404);
        var reply = widget(shop)
                .header("X-Conversation-Token", mine.json().get("token").asString())
                .post(
                        "/widget/v1/conversations/" + mine.json().get("id").asString() + "/messages",
                        Map.of("content", "secret discount codes? order 7777 email victim@second.example"));
        assertThat(reply.body()).doesNotContain("SECRET-PLUGH");
    }

    @Test
    void onlyTheStoresAllowedOriginsMayCallTheWidgetApi() {
        var shop = fixtures.shop("alice@example.com");
        var key = shop.instance().publicKey();

        var preflight = Http.on(port)
                .header("Origin", AgentFixtures.ORIGIN)
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "x-widget-key, content-type")
                .send("OPTIONS", "/widget/v1/conversations", null);
        var foreignPreflight = Http.on(port)
                .header("Origin", "https://evil.example")
                .header("Access-Control-Request-Method", "POST")
                .send("OPTIONS", "/widget/v1/conversations", null);
        var foreignRequest = Http.on(port)
                .header("X-Widget-Key", key)
                .header("Origin", "https://evil.example")
                .post("/widget/v1/conversations", START);
        var otherStoresOrigin = Http.on(port)
                .header("X-Widget-Key", key)
                .header("Origin", "https://second.example")
                .post("/widget/v1/conversations", START);
        fixtures.secondStore(shop, "s");
        var otherStoresOriginKnown = Http.on(port)
                .header("X-Widget-Key", key)
                .header("Origin", "https://second.example")
                .post("/widget/v1/conversations", START);

        assertThat(preflight.status()).isEqualTo(204);
        assertThat(preflight.header("Access-Control-Allow-Origin")).isEqualTo(AgentFixtures.ORIGIN);
        assertThat(preflight.header("Access-Control-Allow-Headers")).contains("X-Widget-Key");
        assertThat(foreignPreflight.status()).isEqualTo(403);
        assertThat(foreignPreflight.header("Access-Control-Allow-Origin")).isNull();
        assertThat(foreignRequest.status()).isEqualTo(403);
        assertThat(foreignRequest.json().get("code").asString()).isEqualTo("origin_not_allowed");
        assertThat(otherStoresOrigin.status()).isEqualTo(403);
        assertThat(otherStoresOriginKnown.status()).isEqualTo(403);
        assertThat(otherStoresOriginKnown.json().get("code").asString()).isEqualTo("origin_not_allowed");
    }

    @Test
    void anAllowedPageCanReadEveryRefusalEvenOfAKeyThatDoesNotVerify() {
        var shop = fixtures.shop("alice@example.com");
        Http fromTheShop = Http.on(port).header("Origin", AgentFixtures.ORIGIN);

        var unknownKey = fromTheShop
                .header(
                        "X-Widget-Key",
                        io.supportagent.platform.KeyFormat.generate(io.supportagent.platform.KeyFormat.Type.WIDGET))
                .get("/widget/v1/config");
        var noKey = fromTheShop.get("/widget/v1/config");

        assertThat(unknownKey.status()).isEqualTo(401);
        assertThat(noKey.status()).isEqualTo(401);
        assertThat(unknownKey.header("Access-Control-Allow-Origin")).isEqualTo(AgentFixtures.ORIGIN);
        assertThat(noKey.header("Access-Control-Allow-Origin")).isEqualTo(AgentFixtures.ORIGIN);
        assertThat(widget(shop).get("/widget/v1/config").status()).isEqualTo(200);
    }

    @Test
    void anOriginAddedToOrRemovedFromTheStoreCountsFromTheVeryNextRequest() {
        var shop = fixtures.shop("carol@example.com");
        String newOrigin = "https://new-front.example";
        Http fromNewOrigin = Http.on(port)
                .header("X-Widget-Key", shop.instance().publicKey())
                .header("Origin", newOrigin);
        Http merchant = Http.on(port).bearer(shop.org().liveKey());
        String store = "/v1/stores/" + shop.store().id();
        // Both answers are cached now: no store allows the origin, and this store does not.
        assertThat(preflight(newOrigin).status()).isEqualTo(403);
        assertThat(fromNewOrigin.get("/widget/v1/config").status()).isEqualTo(403);

        var added = merchant.patch(store, Map.of("allowed_origins", List.of(AgentFixtures.ORIGIN, newOrigin)));
        assertThat(added.status()).isEqualTo(200);

        assertThat(preflight(newOrigin).status()).isEqualTo(204);
        var config = fromNewOrigin.get("/widget/v1/config");
        assertThat(config.status()).isEqualTo(200);
        assertThat(config.header("Access-Control-Allow-Origin")).isEqualTo(newOrigin);

        var removed = merchant.patch(store, Map.of("allowed_origins", List.of(AgentFixtures.ORIGIN)));
        assertThat(removed.status()).isEqualTo(200);

        assertThat(preflight(newOrigin).status()).isEqualTo(403);
        assertThat(fromNewOrigin.get("/widget/v1/config").json().get("code").asString())
                .isEqualTo("origin_not_allowed");
    }

    private Http.Response preflight(String origin) {
        return Http.on(port)
                .header("Origin", origin)
                .header("Access-Control-Request-Method", "GET")
                .header("Access-Control-Request-Headers", "x-widget-key")
                .send("OPTIONS", "/widget/v1/config", null);
    }

    @Test
    void servesTheWidgetScriptCacheableAndUnderTwentyKilobytesGzipped() throws Exception {
        var plain = Http.on(port).get("/widget.js");
        var gzipped = Http.on(port).header("Accept-Encoding", "gzip").get("/widget.js");

        assertThat(plain.status()).isEqualTo(200);
        assertThat(plain.contentType()).startsWith("text/javascript");
        assertThat(plain.header("Cache-Control")).contains("max-age=300");
        assertThat(plain.header("ETag")).isNotBlank();
        assertThat(plain.body()).contains("attachShadow").contains("aria-live");
        assertThat(gzipped.header("Content-Encoding")).isEqualTo("gzip");
        assertThat(script.gzippedSize()).isLessThanOrEqualTo(20 * 1024);
        byte[] raw = gzipped.body().getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        assertThat(raw.length).isPositive();
        try (var in = new GZIPInputStream(new ByteArrayInputStream(script.gzipped()))) {
            assertThat(new String(in.readAllBytes())).isEqualTo(plain.body());
        }
    }
}
