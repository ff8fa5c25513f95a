package io.supportagent.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import io.supportagent.support.AgentFixtures;
import io.supportagent.support.Http;
import io.supportagent.support.IntegrationTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

@IntegrationTest
@Import(AgentFixtures.class)
class KnowledgeControllerTests {

    @LocalServerPort
    int port;

    @Autowired
    AgentFixtures fixtures;

    @Test
    void addsOneArticleOrManyAndFindsThemByFullTextSearch() {
        var shop = fixtures.shop("alice@example.com");
        var api = Http.on(port).bearer(shop.org().liveKey());
        String path = "/v1/stores/" + shop.store().id() + "/articles";

        var one = api.post(path, Map.of("title", "Warranty", "body", "Jackets carry a two-year warranty."));
        List<Map<String, String>> many = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            many.add(Map.of("title", "Article " + i, "body", "Filler text number " + i));
        }
        var bulk = api.post(path, Map.of("articles", many));

        assertThat(one.status()).isEqualTo(201);
        assertThat(one.json().get("title").asString()).isEqualTo("Warranty");
        assertThat(bulk.status()).isEqualTo(201);
        assertThat(bulk.json().get("data").size()).isEqualTo(120);
        var found = api.get(path + "?q=how%20long%20is%20the%20warranty");
        assertThat(found.status()).isEqualTo(200);
        assertThat(found.json().get("data").get(0).get("title").asString()).isEqualTo("Warranty");
        assertThat(found.json().get("data").get(0).get("relevance").asDouble()).isPositive();
        var page = api.get(path + "?limit=2");
        assertThat(page.json().get("data").size()).isEqualTo(2);
        assertThat(page.json().get("has_more").asBoolean()).isTrue();
    }

    @Test
    void aChangedArticleIsSearchedAsChangedAndADeletedOneNoMore() {
        var shop = fixtures.shop("alice@example.com");
        var api = Http.on(port).bearer(shop.org().liveKey());
        String path = "/v1/stores/" + shop.store().id() + "/articles";
        String id = api.post(path, Map.of("title", "Gift wrapping", "body", "We wrap gifts for $3 each."))
                .json()
                .get("id")
                .asString();
        assertThat(api.get(path + "?q=gift%20wrap%20price").body()).contains("$3 each");

        var changed = api.put(
                path + "/" + id,
                Map.of(
                        "title",
                        "Gift wrapping",
                        "body",
                        "Gift wrapping is free for every order.",
                        "url",
                        "https://shop.example/wrap"));
        assertThat(changed.status()).isEqualTo(200);
        assertThat(changed.json().get("updated_at").asString())
                .isNotEqualTo(changed.json().get("created_at").asString());
        var found = api.get(path + "?q=gift%20wrap%20price");
        assertThat(found.body()).contains("free for every order").doesNotContain("$3 each");
        assertThat(api.get(path + "/" + id).json().get("url").asString()).isEqualTo("https://shop.example/wrap");

        assertThat(api.delete(path + "/" + id).status()).isEqualTo(204);
        assertThat(api.get(path + "?q=gift%20wrap%20price").body()).doesNotContain("Gift wrapping");
        assertThat(api.get(path + "/" + id).status()).isEqualTo(404);
        assertThat(api.delete(path + "/" + id).status()).isEqualTo(404);
        assertThat(api.get(path + "/not-a-uuid").status()).isEqualTo(404);
        assertThat(api.put(path + "/" + id, Map.of("title", "")).status()).isEqualTo(400);
    }

    @Test
    void anArticleSwitchedOffForAiIsNeverQuotedNorFoundButKeptUntilSwitchedOnAgain() {
        var shop = fixtures.shop("alice@example.com");
        var api = Http.on(port).bearer(shop.org().liveKey());
        String path = "/v1/stores/" + shop.store().id() + "/articles";
        var draft = api.post(
                path, Map.of("title", "Gift wrapping", "body", "We wrap gifts for $3 each.", "ai_enabled", false));
        assertThat(draft.status()).as(draft.toString()).isEqualTo(201);
        String id = draft.json().get("id").asString();
        assertThat(draft.json().get("ai_enabled").asBoolean()).isFalse();

        assertThat(api.get(path + "?q=gift%20wrap%20price").body()).doesNotContain("$3 each");
        assertThat(api.get(path + "/" + id).json().get("body").asString()).contains("$3 each");
        assertThat(api.get(path).body()).contains(id);
        assertThat(ask(api, shop, "How much does gift wrapping cost?"))
                .doesNotContain("$3")
                .doesNotContain(id);
        assertThat(api.post(path, Map.of("title", "T", "body", "B", "ai_enabled", "no"))
                        .status())
                .as("a boolean, not a string")
                .isEqualTo(400);

        var on = api.put(path + "/" + id, Map.of("title", "Gift wrapping", "body", "We wrap gifts for $3 each."));
        assertThat(on.json().get("ai_enabled").asBoolean()).as("left out: true").isTrue();
        assertThat(api.get(path + "?q=gift%20wrap%20price").body()).contains("$3 each");
        assertThat(ask(api, shop, "How much does gift wrapping cost?")).contains("$3");
    }

    /** A shopper's question in a new conversation: the agent's answer with its citations, as JSON text. */
    private static String ask(Http api, AgentFixtures.Shop shop, String question) {
        String conversation = api.post(
                        "/v1/conversations",
                        Map.of("agent_instance_id", shop.instance().id().toString()))
                .json()
                .get("id")
                .asString();
        return api.post(
                        "/v1/conversations/" + conversation + "/messages",
                        Map.of("role", "customer", "content", question))
                .body();
    }

    @Test
    void findsArticlesForQuestionsInOtherLanguagesAndWithTypos() {
        var shop = fixtures.shop("alice@example.com");
        var api = Http.on(port).bearer(shop.org().liveKey());
        String path = "/v1/stores/" + shop.store().id() + "/articles?q=";
        for (String question : List.of(
                "¿Cuánto tarda el envío?",
                "Combien de temps prend la livraison ?",
                "Wie lange dauert der Versand?",
                "Quanto tempo demora o envio?",
                "how long does shiping take")) {
            var found = api.get(path + java.net.URLEncoder.encode(question, java.nio.charset.StandardCharsets.UTF_8));
            assertThat(found.json().get("data").get(0).get("title").asString())
                    .as(question)
                    .isEqualTo("Shipping times");
        }
    }

    @Test
    void refusesBadArticlesAsProblems() {
        var shop = fixtures.shop("alice@example.com");
        var api = Http.on(port).bearer(shop.org().liveKey());
        String path = "/v1/stores/" + shop.store().id() + "/articles";

        assertThat(api.post(path, Map.of("title", "No body")).status()).isEqualTo(400);
        assertThat(api.post(path, Map.of("title", "t", "body", "b", "url", "javascript:alert(1)"))
                        .json()
                        .get("code")
                        .asString())
                .isEqualTo("validation_failed");
        assertThat(api.post(path, Map.of("articles", List.of())).status()).isEqualTo(400);
        assertThat(api.post(path, "{not json").status()).isEqualTo(400);
        assertThat(api.get("/v1/stores/nope/articles").status()).isEqualTo(404);
    }

    @Test
    void keepsTheNewerOrderWhenSyncsArriveOutOfOrder() {
        var shop = fixtures.shop("alice@example.com");
        var api = Http.on(port).bearer(shop.org().liveKey());
        String path = "/v1/stores/" + shop.store().id() + "/orders/A-2001";

        var newer = api.put(
                path,
                Map.of(
                        "customer_email", "bob@example.com",
                        "status", "delivered",
                        "items", List.of(Map.of("name", "Socks", "quantity", 2, "price_cents", 1500)),
                        "updated_at", "2026-11-10T10:00:00Z"));
        var older = api.put(
                path,
                Map.of(
                        "customer_email", "bob@example.com",
                        "status", "processing",
                        "items", List.of(),
                        "updated_at", "2026-11-09T10:00:00Z"));

        assertThat(newer.status()).isEqualTo(200);
        assertThat(older.status()).isEqualTo(200);
        assertThat(older.json().get("status").asString()).isEqualTo("delivered");
        assertThat(api.get(path).json().get("items").get(0).get("price_cents").asLong())
                .isEqualTo(1500);
        assertThat(api.put(path, Map.of("status", "x")).status()).isEqualTo(400);
        assertThat(api.put("/v1/stores/" + shop.store().id() + "/orders/bad%20number", Map.of())
                        .status())
                .isEqualTo(400);
    }

    @Test
    void anotherOrganizationCanNeitherReadNorListNorSearchNorChangeAStoresKnowledge() {
        var a = fixtures.shop("alice@example.com");
        var b = fixtures.shop("bob@example.com");
        var asB = Http.on(port).bearer(b.org().liveKey());
        String articles = "/v1/stores/" + a.store().id() + "/articles";
        String order = "/v1/stores/" + a.store().id() + "/orders/1001";

        assertThat(asB.get(articles).status()).isEqualTo(404);
        assertThat(asB.get(articles + "?q=shipping").status()).isEqualTo(404);
        assertThat(asB.post(articles, Map.of("title", "x", "body", "y")).status())
                .isEqualTo(404);
        assertThat(asB.get(order).status()).isEqualTo(404);
        String aArticle = Http.on(port)
                .bearer(a.org().liveKey())
                .get(articles)
                .json()
                .get("data")
                .get(0)
                .get("id")
                .asString();
        assertThat(asB.get(articles + "/" + aArticle).status()).isEqualTo(404);
        assertThat(asB.put(articles + "/" + aArticle, Map.of("title", "x", "body", "y"))
                        .status())
                .isEqualTo(404);
        assertThat(asB.delete(articles + "/" + aArticle).status()).isEqualTo(404);
        String bArticles = "/v1/stores/" + b.store().id() + "/articles/";
        assertThat(asB.put(bArticles + aArticle, Map.of("title", "x", "body", "y"))
                        .status())
                .as("another organization's article id through its own store")
                .isEqualTo(404);
        assertThat(Http.on(port)
                        .bearer(a.org().liveKey())
                        .get(articles + "/" + aArticle)
                        .status())
                .isEqualTo(200);
        assertThat(asB.put(
                                order,
                                Map.of(
                                        "customer_email",
                                        "evil@example.com",
                                        "status",
                                        "cancelled",
                                        "items",
                                        List.of(),
                                        "updated_at",
                                        "2030-01-01T00:00:00Z"))
                        .status())
                .isEqualTo(404);
        var own = Http.on(port).bearer(a.org().liveKey()).get(order);
        assertThat(own.json().get("customer_email").asString()).isEqualTo("alice@example.com");
        // B's own search never returns A's articles
        var bSearch = asB.get("/v1/stores/" + b.store().id() + "/articles?q=shipping");
        bSearch.json()
                .get("data")
                .forEach(d -> assertThat(d.get("store_id").asString())
                        .isEqualTo(b.store().id().toString()));
    }
}
