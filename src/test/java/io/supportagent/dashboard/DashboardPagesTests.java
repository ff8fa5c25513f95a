package io.supportagent.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.supportagent.agents.AgentService;
import io.supportagent.conversations.ConversationService;
import io.supportagent.knowledge.IndexState;
import io.supportagent.knowledge.KnowledgeService;
import io.supportagent.knowledge.NewArticle;
import io.supportagent.platform.MemberRole;
import io.supportagent.platform.Tenant;
import io.supportagent.platform.TenantContext;
import io.supportagent.support.DashboardSession;
import io.supportagent.support.DashboardTest;
import io.supportagent.support.Fixtures;
import io.supportagent.support.MemberFixtures;
import io.supportagent.tenancy.TenancyService;
import io.supportagent.tenancy.Tier;
import io.supportagent.webhooks.WebhookService;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The configuration and conversation pages over HTTP through the real chain: which roles open and change them,
 * CSRF on every form, foreign ids (typed into one's own organization's URL, or the other organization's URL) answering
 * 404 and changing nothing, and what each page does: keys shown once, rolled and revoked; imports all or none; the
 * webhook log; the audit log as CSV; conversations filtered and their transcripts.
 */
@DashboardTest
class DashboardPagesTests {

    @LocalServerPort
    int port;

    @Autowired
    Fixtures fixtures;

    @Autowired
    MemberFixtures people;

    @Autowired
    TenancyService tenancy;

    @Autowired
    AgentService agents;

    @Autowired
    KnowledgeService knowledge;

    @Autowired
    ConversationService conversations;

    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient requestRole;

    @Autowired
    WebhookService webhooks;

    /** An organization with one of everything the pages show. */
    record Shop(
            Fixtures.Org org,
            String store,
            String instance,
            String article,
            String conversation,
            String endpoint,
            String delivery) {

        String base(String mode) {
            return "/app/" + org.organization().id() + "/" + mode;
        }
    }

    private Shop shop(Tier tier) {
        var org = fixtures.organization(tier);
        Tenant live = org.live();
        return TenantContext.callAs(live, () -> {
            var store = tenancy.createStore("Trail shop", "trail.example", List.of("https://trail.example"));
            var instance = agents.deploy(store.id(), agents.customerServiceV1().id(), "Trail guide", "{}");
            var article = knowledge
                    .addArticles(
                            store.id(),
                            List.of(new NewArticle(
                                    "Shipping times",
                                    "Orders ship within 2 business days.",
                                    "https://trail.example/help/shipping")))
                    .getFirst();
            var conversation = conversations.start(instance.id(), "Ada Shopper", "ada@shopper.example");
            conversations.addMessage(conversation.id(), "customer", "How long does shipping take?", null);
            conversations.addMessage(
                    conversation.id(),
                    "agent",
                    "Orders ship within 2 business days.",
                    "[{\"article_id\":\"" + article.id()
                            + "\",\"title\":\"Shipping times\",\"url\":\"https://trail.example/help/shipping\"}]");
            conversations.transferToHuman(conversation.id(), "The shopper asked for a person");
            var endpoint = webhooks.create("https://hooks.example.com/support", "Order system");
            new org.springframework.transaction.support.TransactionTemplate(transactions)
                    .execute(status -> webhooks.publish(
                            org.organization().id(), true, "conversation.handed_off", Map.of("id", "x")));
            var delivery =
                    webhooks.deliveries(endpoint.id(), null, 1, null).getFirst().id();
            return new Shop(
                    org,
                    store.id().toString(),
                    instance.id().toString(),
                    article.id().toString(),
                    conversation.id().toString(),
                    endpoint.id().toString(),
                    delivery.toString());
        });
    }

    @Autowired
    org.springframework.transaction.PlatformTransactionManager transactions;

    private String deliveryId(Shop shop) {
        return TenantContext.callAs(
                shop.org().live(),
                () -> webhooks.deliveries(UUID.fromString(shop.endpoint()), null, 10, null)
                        .getFirst()
                        .id()
                        .toString());
    }

    /** The pages, each with the roles that open it. */
    private static Map<String, List<MemberRole>> pages(Shop shop) {
        List<MemberRole> managers = List.of(MemberRole.OWNER, MemberRole.ADMIN);
        List<MemberRole> support = List.of(MemberRole.OWNER, MemberRole.ADMIN, MemberRole.AGENT);
        Map<String, List<MemberRole>> pages = new LinkedHashMap<>();
        pages.put("/api-keys", managers);
        pages.put("/stores", managers);
        pages.put("/stores/" + shop.store(), managers);
        pages.put("/agents", managers);
        pages.put("/agents/" + shop.instance(), managers);
        pages.put("/knowledge/" + shop.store(), managers);
        pages.put("/knowledge/" + shop.store() + "/articles/" + shop.article(), managers);
        pages.put("/knowledge/" + shop.store() + "/orders?find=1001", managers);
        pages.put("/webhooks", managers);
        pages.put("/webhooks/" + shop.endpoint(), managers);
        pages.put("/webhooks/" + shop.endpoint() + "/deliveries/" + shop.delivery(), managers);
        pages.put("/audit.csv", managers);
        pages.put("/conversations", support);
        pages.put("/conversations/" + shop.conversation(), support);
        return pages;
    }

    /** Every form of the pages, with fields that would succeed for an owner. */
    private static Map<String, Map<String, String>> forms(Shop shop, String keyId) {
        Map<String, Map<String, String>> forms = new LinkedHashMap<>();
        forms.put("/api-keys", Map.of("name", "Sneaky key"));
        forms.put("/api-keys/" + keyId + "/roll", Map.of("overlap", "1h"));
        forms.put("/api-keys/" + keyId + "/revoke", Map.of("confirm", "test live"));
        forms.put("/stores", Map.of("name", "Sneaky store", "allowed_origins", "https://sneaky.example"));
        forms.put("/stores/" + shop.store(), Map.of("name", "Renamed", "allowed_origins", "https://sneaky.example"));
        forms.put(
                "/agents",
                Map.of("store", shop.store(), "definition", "00000000-0000-0000-0000-000000000000", "name", "x"));
        forms.put("/agents/" + shop.instance() + "/status", Map.of("status", "paused"));
        forms.put("/agents/" + shop.instance() + "/widget-key", Map.of("overlap", "now"));
        forms.put(
                "/agents/" + shop.instance() + "/settings",
                Map.of("greeting", "Sneaky", "primary_color", "#000000", "min_relevance", "0.5"));
        forms.put("/knowledge/" + shop.store() + "/articles", Map.of("title", "Sneaky", "body", "Sneaky body"));
        forms.put(
                "/knowledge/" + shop.store() + "/articles/" + shop.article(),
                Map.of("title", "Sneaky", "body", "Sneaky body"));
        forms.put(
                "/knowledge/" + shop.store() + "/articles/" + shop.article() + "/delete", Map.of("confirm", "delete"));
        forms.put("/knowledge/" + shop.store() + "/reindex", Map.of());
        forms.put("/knowledge/" + shop.store() + "/articles/" + shop.article() + "/reindex", Map.of());
        forms.put("/webhooks", Map.of("url", "https://sneaky.example.com/hook"));
        forms.put("/webhooks/" + shop.endpoint() + "/enabled", Map.of("enabled", "false"));
        forms.put("/webhooks/" + shop.endpoint() + "/events", Map.of("events", "all"));
        forms.put("/webhooks/" + shop.endpoint() + "/roll-secret", Map.of("overlap", "now"));
        forms.put("/webhooks/" + shop.endpoint() + "/test", Map.of());
        forms.put("/webhooks/" + shop.endpoint() + "/deliveries/" + shop.delivery() + "/resend", Map.of());
        forms.put("/webhooks/" + shop.endpoint() + "/delete", Map.of("confirm", "delete"));
        return forms;
    }

    private String liveKeyId(Shop shop) {
        return TenantContext.callAs(
                shop.org().live(),
                () -> apiKeys.listOfOwnMode(10, null).stream()
                        .filter(k -> k.name().equals("test live"))
                        .findFirst()
                        .orElseThrow()
                        .id()
                        .toString());
    }

    @Autowired
    io.supportagent.apikeys.ApiKeyService apiKeys;

    @Test
    void eachPageOpensToItsRolesOnlyInBothModes() {
        Shop shop = shop(Tier.PRO);
        for (MemberRole role : MemberRole.values()) {
            DashboardSession browser = DashboardSession.signedIn(
                    port, people.join(shop.org().organization().id(), role));
            for (String mode : List.of("live", "test")) {
                for (var page : pages(shop).entrySet()) {
                    var answer = browser.get(shop.base(mode) + page.getKey());
                    int expected = page.getValue().contains(role) ? 200 : 403;
                    if (expected == 200 && mode.equals("test") && page.getKey().startsWith("/conversations/")) {
                        expected = 404; // a live conversation is not a test-mode one
                    }
                    if (expected == 200 && mode.equals("test") && page.getKey().startsWith("/webhooks/")) {
                        expected = 404; // a live endpoint is not a test-mode one
                    }
                    assertThat(answer.status())
                            .as(role + " " + mode + " " + page.getKey() + ": " + answer)
                            .isEqualTo(expected);
                }
            }
        }
    }

    @Test
    void otherRolesAndRequestsWithoutTheCsrfTokenChangeNothing() {
        Shop shop = shop(Tier.PRO);
        String key = liveKeyId(shop);
        String base = shop.base("live");
        for (MemberRole role : List.of(MemberRole.AGENT, MemberRole.BILLING)) {
            DashboardSession browser = DashboardSession.signedIn(
                    port, people.join(shop.org().organization().id(), role));
            browser.get(base);
            for (var form : forms(shop, key).entrySet()) {
                assertThat(browser.post(base + form.getKey(), form.getValue()).status())
                        .as(role + " posts " + form.getKey())
                        .isEqualTo(403);
            }
            assertThat(browser.upload(
                                    base + "/knowledge/" + shop.store() + "/import",
                                    "a.json",
                                    "[{\"title\":\"t\",\"body\":\"b\"}]".getBytes(StandardCharsets.UTF_8))
                            .status())
                    .as(role + " imports")
                    .isEqualTo(403);
        }
        DashboardSession owner = DashboardSession.signedIn(
                port, people.join(shop.org().organization().id(), MemberRole.OWNER));
        owner.get(base);
        for (var form : forms(shop, key).entrySet()) {
            assertThat(owner.postWithoutToken(base + form.getKey(), form.getValue())
                            .status())
                    .as("without a token: " + form.getKey())
                    .isEqualTo(403);
        }
        assertThat(owner.upload(
                                base + "/knowledge/" + shop.store() + "/import",
                                "a.json",
                                "[{\"title\":\"t\",\"body\":\"b\"}]".getBytes(StandardCharsets.UTF_8),
                                false)
                        .status())
                .isEqualTo(403);
        unchanged(shop);
    }

    /** Nothing of the shop changed: names, status, settings, articles, keys, endpoints. */
    private void unchanged(Shop shop) {
        TenantContext.runAs(shop.org().live(), () -> {
            assertThat(tenancy.stores(10, null)).singleElement().satisfies(s -> {
                assertThat(s.name()).isEqualTo("Trail shop");
                assertThat(s.allowedOrigins()).containsExactly("https://trail.example");
            });
            var instance = agents.instance(io.supportagent.platform.AgentInstanceId.parse(shop.instance()));
            assertThat(instance.status()).isEqualTo("active");
            assertThat(instance.config()).doesNotContain("Sneaky");
            assertThat(agents.instances(null, 10, null)).hasSize(1);
            var store = io.supportagent.platform.StoreId.parse(shop.store());
            assertThat(knowledge.articles(store, 10, null))
                    .singleElement()
                    .satisfies(a -> assertThat(a.title()).isEqualTo("Shipping times"));
            assertThat(apiKeys.listOfOwnMode(10, null)).singleElement().satisfies(k -> {
                assertThat(k.name()).isEqualTo("test live");
                assertThat(k.revokedAt()).isNull();
                assertThat(k.expiresAt()).isNull();
            });
            assertThat(webhooks.list(10, null)).hasSize(1);
            assertThat(webhooks.disabledEndpoints()).isEmpty();
        });
    }

    @Test
    void anotherOrganizationsObjectsAnswer404InEitherUrlAndChangeNothing() {
        Shop a = shop(Tier.PRO);
        Shop b = shop(Tier.PRO);
        DashboardSession ownerOfA = DashboardSession.signedIn(
                port, people.join(a.org().organization().id(), MemberRole.OWNER));
        ownerOfA.get(a.base("live"));
        String keyOfB = liveKeyId(b);
        for (String page : pages(b).keySet()) {
            if (page.contains(b.store())
                    || page.contains(b.instance())
                    || page.contains(b.endpoint())
                    || page.contains(b.conversation())) {
                var foreignIdInOwnUrl = ownerOfA.get(a.base("live") + page);
                assertThat(foreignIdInOwnUrl.status())
                        .as("B's id in A's URL: " + page + " " + foreignIdInOwnUrl)
                        .isEqualTo(404);
                assertThat(foreignIdInOwnUrl.body())
                        .doesNotContain("Trail guide")
                        .doesNotContain("Ada Shopper");
            }
            assertThat(ownerOfA.get(b.base("live") + page).status())
                    .as("B's URL: " + page)
                    .isEqualTo(404);
        }
        for (var form : forms(b, keyOfB).entrySet()) {
            String path = form.getKey();
            boolean foreignId = path.contains(b.store())
                    || path.contains(b.instance())
                    || path.contains(b.endpoint())
                    || path.contains(keyOfB);
            if (foreignId) {
                assertThat(ownerOfA.post(a.base("live") + path, form.getValue()).status())
                        .as("B's id in A's form: " + path)
                        .isEqualTo(404);
            }
            assertThat(ownerOfA.post(b.base("live") + path, form.getValue()).status())
                    .as("B's form URL: " + path)
                    .isEqualTo(404);
        }
        assertThat(ownerOfA.upload(
                                a.base("live") + "/knowledge/" + b.store() + "/import",
                                "a.json",
                                "[{\"title\":\"t\",\"body\":\"b\"}]".getBytes(StandardCharsets.UTF_8))
                        .status())
                .isEqualTo(404);
        unchanged(b);
        // A's lists never show B's objects.
        for (String page : List.of("/stores", "/agents", "/conversations", "/webhooks", "/api-keys")) {
            String body = ownerOfA.get(a.base("live") + page).body();
            assertThat(body)
                    .doesNotContain(b.store())
                    .doesNotContain(b.instance())
                    .doesNotContain(b.conversation());
        }
    }

    @Test
    void aKeyIsShownOnceThenRolledWithTheChosenOverlapAndRevokedAfterTypingItsName() {
        Shop shop = shop(Tier.PRO);
        DashboardSession owner = DashboardSession.signedIn(
                port, people.join(shop.org().organization().id(), MemberRole.OWNER));
        String keys = shop.base("test") + "/api-keys";
        owner.get(keys);

        var created = owner.post(keys, Map.of("name", "Nightly export"));
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.header("Cache-Control")).contains("no-store");
        Matcher secret = Pattern.compile("sk_test_[A-Za-z0-9_]+").matcher(created.body());
        assertThat(secret.find()).as("the secret is on the answer").isTrue();
        String full = secret.group();
        assertThat(owner.get(keys).body()).doesNotContain(full).contains("Nightly export");
        assertThat(owner.get(shop.base("live") + "/api-keys").body())
                .as("a test key is on the test page only")
                .doesNotContain("Nightly export");
        assertThat(io.supportagent.support.Http.on(port)
                        .bearer(full)
                        .get("/v1/api-keys")
                        .status())
                .isEqualTo(200);

        String id = TenantContext.callAs(
                shop.org().test(),
                () -> apiKeys.listOfOwnMode(10, null).stream()
                        .filter(k -> k.name().equals("Nightly export"))
                        .findFirst()
                        .orElseThrow()
                        .id()
                        .toString());
        assertThat(owner.post(keys + "/" + id + "/roll", Map.of("overlap", "forever"))
                        .status())
                .isEqualTo(400);
        var rolled = owner.post(keys + "/" + id + "/roll", Map.of("overlap", "24h"));
        assertThat(rolled.status()).isEqualTo(201);
        assertThat(rolled.body()).contains("the old one works until");
        Matcher next = Pattern.compile("sk_test_[A-Za-z0-9_]+").matcher(rolled.body());
        assertThat(next.find()).isTrue();
        assertThat(next.group()).isNotEqualTo(full);
        assertThat(io.supportagent.support.Http.on(port)
                        .bearer(full)
                        .get("/v1/api-keys")
                        .status())
                .as("the old key works during the overlap")
                .isEqualTo(200);

        var refused = owner.post(keys + "/" + id + "/revoke", Map.of("confirm", "order"));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body()).contains("Type the key");
        var revoked = owner.post(keys + "/" + id + "/revoke", Map.of("confirm", "Nightly export"));
        assertThat(revoked.status()).isEqualTo(302);
        assertThat(io.supportagent.support.Http.on(port)
                        .bearer(full)
                        .get("/v1/api-keys")
                        .status())
                .isEqualTo(401);
        assertThat(owner.get(shop.base("live") + "/audit").body())
                .contains("Created the test API key")
                .contains("Rolled the API key")
                .contains("Revoked the API key");
    }

    @Test
    void anImportWithWrongRowsNamesThemAndAddsNothingAndGoodFilesAddEveryArticle() {
        Shop shop = shop(Tier.PRO);
        DashboardSession owner = DashboardSession.signedIn(
                port, people.join(shop.org().organization().id(), MemberRole.OWNER));
        String page = shop.base("live") + "/knowledge/" + shop.store();
        owner.get(page);
        String csv = """
                title,body,url
                Returns,"Free returns within 30 days,
                even on sale items.",https://trail.example/returns
                ,A body without a title,
                Sizes,Our sizes run small.,ftp://nope
                """;
        var refused = owner.upload(page + "/import", "articles.csv", csv.getBytes(StandardCharsets.UTF_8));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body())
                .contains("Nothing was imported")
                .contains("Row 4: the title is missing")
                .contains("Row 5: the URL is not an http(s) URL")
                .doesNotContain("Row 2:");
        assertThat(count(shop)).isEqualTo(1);

        var badJson = owner.upload(page + "/import", "a.json", "{\"title\":".getBytes(StandardCharsets.UTF_8));
        assertThat(badJson.status()).isEqualTo(400);
        assertThat(badJson.body()).contains("not valid JSON");
        var badType = owner.upload(page + "/import", "a.pdf", "%PDF".getBytes(StandardCharsets.UTF_8));
        assertThat(badType.status()).isEqualTo(400);

        var good = owner.upload(
                page + "/import",
                "articles.csv",
                csv.replace(",A body without a title,", "Care,Wash cold.,")
                        .replace("ftp://nope", "")
                        .getBytes(StandardCharsets.UTF_8));
        assertThat(good.status()).as(good.toString()).isEqualTo(302);
        assertThat(owner.follow(good).body()).contains("Imported 3 articles from articles.csv");
        var json = owner.upload(
                page + "/import",
                "more.json",
                "{\"articles\":[{\"title\":\"Gift cards\",\"body\":\"They never expire.\"}]}"
                        .getBytes(StandardCharsets.UTF_8));
        assertThat(json.status()).isEqualTo(302);
        var markdown = owner.upload(
                page + "/import",
                "faq.md",
                "# Warranty\nURL: https://trail.example/warranty\nTwo years on every jacket.\n\n# Repairs\nWe repair boots.\n"
                        .getBytes(StandardCharsets.UTF_8));
        assertThat(markdown.status()).isEqualTo(302);
        assertThat(count(shop)).isEqualTo(7);
        String list = owner.get(page).body();
        assertThat(list)
                .contains("Returns")
                .contains("Gift cards")
                .contains("Warranty")
                .contains("Repairs");

        // Test mode reads the same articles but changes none.
        assertThat(owner.get(shop.base("test") + "/knowledge/" + shop.store()).body())
                .contains("Warranty");
        owner.get(shop.base("test") + "/knowledge/" + shop.store());
        assertThat(owner.upload(
                                shop.base("test") + "/knowledge/" + shop.store() + "/import",
                                "x.json",
                                "[{\"title\":\"t\",\"body\":\"b\"}]".getBytes(StandardCharsets.UTF_8))
                        .status())
                .isEqualTo(403);
        assertThat(count(shop)).isEqualTo(7);
    }

    private int count(Shop shop) {
        return TenantContext.callAs(
                shop.org().live(), () -> knowledge.articleCount(io.supportagent.platform.StoreId.parse(shop.store())));
    }

    @Test
    void theWebhookSecretIsShownOnceAndTheLogResendsAndTheEndpointIsDisabledThenDeleted() {
        Shop shop = shop(Tier.PRO);
        DashboardSession owner = DashboardSession.signedIn(
                port, people.join(shop.org().organization().id(), MemberRole.OWNER));
        String hooks = shop.base("live") + "/webhooks";
        owner.get(hooks);
        var created = owner.post(hooks, Map.of("url", "https://erp.example.com/hooks"));
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.body()).containsPattern("whsec_[0-9a-f]{64}");
        assertThat(owner.get(hooks).body()).doesNotContainPattern("whsec_[0-9a-f]{64}");
        assertThat(owner.post(hooks, Map.of("url", "ftp://x")).status()).isEqualTo(400);

        String endpoint = hooks + "/" + shop.endpoint();
        String delivery = deliveryId(shop);
        assertThat(owner.get(endpoint).body())
                .contains("conversation.handed_off")
                .contains("Payload and answer");
        assertThat(owner.get(endpoint + "?event=conversation.handed_off").body())
                .contains("data-label=\"Event\"><code>conversation.handed_off</code>");
        assertThat(owner.get(endpoint + "?event=conversation.resolved").body())
                .doesNotContain("data-label=\"Event\"><code>conversation.handed_off</code>")
                .contains("No delivery matches these filters.");
        assertThat(owner.post(endpoint + "/deliveries/" + delivery + "/resend", Map.of())
                        .status())
                .isEqualTo(302);
        assertThat(owner.post(endpoint + "/deliveries/" + UUID.randomUUID() + "/resend", Map.of())
                        .status())
                .isEqualTo(404);
        assertThat(owner.post(endpoint + "/enabled", Map.of("enabled", "false")).status())
                .isEqualTo(302);
        assertThat(owner.get(endpoint).body()).contains(">disabled<");
        int queued = TenantContext.callAs(shop.org().live(), () -> {
            new org.springframework.transaction.support.TransactionTemplate(transactions)
                    .executeWithoutResult(status ->
                            webhooks.publish(shop.org().organization().id(), true, "conversation.resolved", Map.of()));
            return webhooks.deliveries(UUID.fromString(shop.endpoint()), null, 10, null)
                    .size();
        });
        assertThat(queued).as("a disabled endpoint gets no new delivery").isEqualTo(1);
        assertThat(owner.post(endpoint + "/delete", Map.of("confirm", "no")).status())
                .isEqualTo(400);
        assertThat(owner.post(endpoint + "/delete", Map.of("confirm", "delete")).status())
                .isEqualTo(302);
        assertThat(owner.get(endpoint).status()).isEqualTo(404);
        assertThat(owner.get(shop.base("live") + "/audit").body())
                .contains("Sent a webhook delivery to https://hooks.example.com/support again")
                .contains("Disabled the webhook endpoint");
    }

    @Test
    void anEndpointReceivesTheEventsChosenOnThePageAndTheChangesAreAudited() {
        Shop shop = shop(Tier.PRO);
        DashboardSession admin = DashboardSession.signedIn(
                port, people.join(shop.org().organization().id(), MemberRole.ADMIN));
        String hooks = shop.base("live") + "/webhooks";
        String form = admin.get(hooks).body();
        assertThat(form).contains("conversation.unassigned", "All events, also ones added later");

        var chosen = admin.postEncoded(
                hooks,
                "url=https%3A%2F%2Fhelpdesk.example.com%2Fhooks&events=chosen"
                        + "&event=conversation.handed_off&event=conversation.resolved");
        var none = admin.post(hooks, Map.of("url", "https://helpdesk.example.com/none", "events", "chosen"));
        var unknown = admin.post(
                hooks,
                Map.of("url", "https://helpdesk.example.com/x", "events", "chosen", "event", "conversation.exploded"));

        assertThat(chosen.status()).as(chosen.toString()).isEqualTo(201);
        assertThat(none.status()).isEqualTo(400);
        assertThat(none.body()).contains("Choose at least one event");
        assertThat(unknown.status()).isEqualTo(400);
        var endpoint = TenantContext.callAs(
                shop.org().live(),
                () -> webhooks.list(10, null).stream()
                        .filter(e -> e.url().equals("https://helpdesk.example.com/hooks"))
                        .findFirst()
                        .orElseThrow());
        assertThat(endpoint.enabledEvents()).containsExactly("conversation.handed_off", "conversation.resolved");
        assertThat(TenantContext.callAs(shop.org().live(), () -> webhooks.list(10, null)))
                .as("a refused form adds nothing")
                .hasSize(2);
        assertThat(admin.get(hooks).body()).contains("2 events");

        String page = hooks + "/" + endpoint.id();
        assertThat(admin.get(page).body()).contains("Only these are sent here: conversation.handed_off");
        var all = admin.post(page + "/events", Map.of("events", "all", "event", "conversation.resolved"));
        assertThat(all.status()).isEqualTo(302);
        assertThat(admin.get(page).body()).contains("Every event is sent here, also ones added later.");
        var one = admin.post(page + "/events", Map.of("event", "message.created"));
        assertThat(one.status()).isEqualTo(302);
        assertThat(TenantContext.callAs(
                        shop.org().live(),
                        () -> webhooks.endpoint(endpoint.id()).enabledEvents()))
                .containsExactly("message.created");
        assertThat(admin.post(shop.base("test") + "/webhooks/" + endpoint.id() + "/events", Map.of("events", "all"))
                        .status())
                .as("a live endpoint is not a test-mode one")
                .isEqualTo(404);
        assertThat(admin.get(shop.base("live") + "/audit").body())
                .contains("Added the webhook endpoint https://helpdesk.example.com/hooks")
                .contains("Changed the webhook endpoint https://helpdesk.example.com/hooks");
    }

    @Test
    void theSigningSecretIsRolledWithTheOldOneSigningOnAndATestEventIsQueuedUnlessDisabled() {
        Shop shop = shop(Tier.PRO);
        DashboardSession admin = DashboardSession.signedIn(
                port, people.join(shop.org().organization().id(), MemberRole.ADMIN));
        String page = shop.base("live") + "/webhooks/" + shop.endpoint();
        UUID endpoint = UUID.fromString(shop.endpoint());
        admin.get(page);

        var rolled = admin.post(page + "/roll-secret", Map.of("overlap", "1h"));
        var refused = admin.post(page + "/roll-secret", Map.of("overlap", "forever"));

        assertThat(rolled.status()).isEqualTo(200);
        assertThat(rolled.body()).containsPattern("whsec_[0-9a-f]{64}").contains("with the old one too");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body()).doesNotContainPattern("whsec_[0-9a-f]{64}");
        assertThat(admin.get(page).body())
                .doesNotContainPattern("whsec_[0-9a-f]{64}")
                .contains("The secret before the last roll signs too until");
        int before = deliveries(shop).size();
        assertThat(admin.post(page + "/test", Map.of()).status()).isEqualTo(302);
        assertThat(deliveries(shop)).hasSize(before + 1);
        assertThat(deliveries(shop).getFirst().eventType()).isEqualTo("webhook_endpoint.test");
        assertThat(admin.post(page + "/enabled", Map.of("enabled", "false")).status())
                .isEqualTo(302);
        var disabled = admin.post(page + "/test", Map.of());
        assertThat(disabled.status()).isEqualTo(409);
        assertThat(disabled.body()).contains("enable it to send it a test event");
        assertThat(deliveries(shop)).hasSize(before + 1);
        assertThat(admin.post(shop.base("test") + "/webhooks/" + endpoint + "/roll-secret", Map.of("overlap", "now"))
                        .status())
                .as("a live endpoint is not a test-mode one")
                .isEqualTo(404);
        assertThat(admin.get(shop.base("live") + "/audit").body())
                .contains("Rolled the signing secret of the webhook endpoint")
                .contains("Sent a test event to the webhook endpoint");
    }

    @Test
    void theAuditLogFiltersByActionAndShowsEachChangedFieldBeforeAndAfter() {
        Shop shop = shop(Tier.PRO);
        DashboardSession owner = DashboardSession.signedIn(
                port, people.join(shop.org().organization().id(), MemberRole.OWNER));
        String store = shop.base("live") + "/stores/" + shop.store();
        owner.get(store);
        var changed = owner.post(
                store, Map.of("name", "Renamed shop", "domain", "", "allowed_origins", "https://renamed.example"));
        assertThat(changed.status()).as(changed.toString()).isIn(200, 302);

        String audit = shop.base("live") + "/audit";
        String stores = owner.get(audit + "?action=store.").body();
        String keys = owner.get(audit + "?action=api_key.created").body();
        String nonsense = owner.get(audit + "?action=%27%3B%20DROP").body();

        assertThat(stores)
                .contains("Changed the store Renamed shop")
                .contains("Before and after")
                .contains("<ins>https://renamed.example</ins>")
                .doesNotContain("api_key.created");
        assertThat(keys).doesNotContain("Changed the store").contains("api_key.created");
        assertThat(nonsense).as("an action the filter cannot be is ignored").contains("Changed the store");
    }

    private List<io.supportagent.webhooks.WebhookDelivery> deliveries(Shop shop) {
        return TenantContext.callAs(
                shop.org().live(), () -> webhooks.deliveries(UUID.fromString(shop.endpoint()), null, 50, null));
    }

    @Test
    void conversationsAreFilteredAndTheTranscriptSaysWhoAnsweredWithCitations() {
        Shop shop = shop(Tier.PRO);
        DashboardSession agent = DashboardSession.signedIn(
                port, people.join(shop.org().organization().id(), MemberRole.AGENT));
        String list = shop.base("live") + "/conversations";
        assertThat(agent.get(list).body()).contains("Ada Shopper").contains("AI, then a person");
        assertThat(agent.get(list + "?status=resolved").body()).doesNotContain("Ada Shopper");
        assertThat(agent.get(list + "?status=handed_off&store=" + shop.store()).body())
                .contains("Ada Shopper");
        assertThat(agent.get(list + "?from=2000-01-01&to=2000-01-02").body()).doesNotContain("Ada Shopper");
        assertThat(agent.get(shop.base("test") + "/conversations").body()).doesNotContain("Ada Shopper");
        assertThat(agent.get(list + "?starting_after=nonsense").status()).isEqualTo(404);

        String transcript = agent.get(list + "/" + shop.conversation()).body();
        assertThat(transcript)
                .contains("role=\"log\"")
                .contains("Shopper")
                .contains("AI agent")
                .contains("System note")
                .contains("The shopper asked for a person")
                .contains("href=\"https://trail.example/help/shipping\"")
                .doesNotContain("The shopper's rating");
        assertThat(agent.get(list + "?handoff=yes").body()).contains("Ada Shopper");
        assertThat(agent.get(list + "?handoff=no").body())
                .doesNotContain("Ada Shopper")
                .contains("No conversation matches these filters.");

        TenantContext.runAs(
                shop.org().live(),
                () -> new org.springframework.transaction.support.TransactionTemplate(transactions)
                        .executeWithoutResult(status -> requestRole
                                .sql("""
                                        UPDATE conversations SET status = 'resolved', resolved_at = now(), rating = 4,
                                               rating_comment = 'Quick <b>and</b> kind'
                                         WHERE id = :id""")
                                .param("id", UUID.fromString(shop.conversation()))
                                .update()));
        assertThat(agent.get(list + "/" + shop.conversation()).body())
                .contains("The shopper's rating")
                .contains("aria-label=\"4 of 5\"")
                .contains("Quick &lt;b&gt;and&lt;/b&gt; kind");
    }

    @Test
    void anAgentsPageShowsItsOwnHistoryWhoDidWhatAndWhen() {
        Shop shop = shop(Tier.PRO);
        Shop other = shop(Tier.PRO);
        var ownerPerson = people.join(shop.org().organization().id(), MemberRole.OWNER);
        DashboardSession owner = DashboardSession.signedIn(port, ownerPerson);
        String agent = shop.base("live") + "/agents/" + shop.instance();
        owner.get(agent);

        assertThat(owner.post(agent + "/status", Map.of("status", "paused")).status())
                .isEqualTo(302);
        String page = owner.get(agent).body();

        assertThat(page).contains("History").contains("paused it").contains(ownerPerson.email());
        assertThat(page.indexOf("paused it")).as("newest first").isLessThan(page.indexOf("Deployed"));
        String history = page.substring(page.indexOf("id=\"history-title\""), page.indexOf("The whole audit log"));
        assertThat(history.split("Deployed ", -1))
                .as("its own deployment only, not the other organization's nor the other instances'")
                .hasSize(2);
    }

    @Test
    void anAgentsHistoryNamesTheDeployerAndGoesBackToAnEarlierVersionInOneClick() {
        Shop shop = shop(Tier.PRO);
        // A definition type of this test's own, so that no other test sees its versions.
        String type = "rollback_" + UUID.randomUUID().toString().substring(0, 8);
        var first = agents.publish(type, "1.0.0", "Helper", "First", "You help.", List.of(), "{}");
        var second = agents.publish(type, "1.1.0", "Helper", "Second", "You help more.", List.of(), "{}");
        var ownerPerson = people.join(shop.org().organization().id(), MemberRole.OWNER);
        DashboardSession owner = DashboardSession.signedIn(port, ownerPerson);
        owner.get(shop.base("live"));
        var deployed = owner.post(
                shop.base("live") + "/agents",
                Map.of("store", shop.store(), "definition", first.id().toString(), "name", "Helper"));
        assertThat(deployed.status()).isEqualTo(302);
        String agent = shop.base("live")
                + deployed.header("Location")
                        .substring(deployed.header("Location").indexOf("/agents/"));
        assertThat(owner.get(agent).body())
                .contains("deployed by <span>" + ownerPerson.email())
                .doesNotContain("Go back to");

        assertThat(owner.post(
                                agent + "/version",
                                Map.of("definition", second.id().toString()))
                        .status())
                .isEqualTo(302);
        String page = owner.get(agent).body();

        assertThat(page).contains("Go back to 1.0.0").doesNotContain("Go back to 1.1.0");
        Matcher form =
                Pattern.compile("name=\"definition\" value=\"([0-9a-f-]{36})\"").matcher(page);
        assertThat(form.find()).isTrue();
        assertThat(form.group(1)).isEqualTo(first.id().toString());
        assertThat(owner.post(agent + "/version", Map.of("definition", form.group(1)))
                        .status())
                .isEqualTo(302);
        String after = owner.get(agent).body();
        assertThat(after).contains("Runs <strong>Helper 1.0.0</strong>").contains("Go back to 1.1.0");
        assertThat(after.indexOf("moved it from version 1.1.0 to 1.0.0"))
                .as("the way back is in the history too, newest first")
                .isPositive()
                .isLessThan(after.indexOf("moved it from version 1.0.0 to 1.1.0"));
    }

    @Test
    void anArticleIsSwitchedOffForTheAiOnItsPageAndMarkedInTheList() {
        Shop shop = shop(Tier.PRO);
        DashboardSession admin = DashboardSession.signedIn(
                port, people.join(shop.org().organization().id(), MemberRole.ADMIN));
        String article = shop.base("live") + "/knowledge/" + shop.store() + "/articles/" + shop.article();
        assertThat(admin.get(article).body()).contains("Use for AI answers").contains("checked");

        var off = admin.post(article, Map.of("title", "Shipping times", "body", "Orders ship within 2 business days."));

        assertThat(off.status()).isEqualTo(302);
        assertThat(admin.get(shop.base("live") + "/knowledge/" + shop.store()).body())
                .contains("not used by the AI");
        assertThat(TenantContext.callAs(
                        shop.org().live(),
                        () -> knowledge.search(io.supportagent.platform.StoreId.parse(shop.store()), "shipping", 5)))
                .as("the agent no longer finds it")
                .isEmpty();
        admin.post(
                article,
                Map.of("title", "Shipping times", "body", "Orders ship within 2 business days.", "ai_enabled", "true"));
        assertThat(TenantContext.callAs(
                        shop.org().live(),
                        () -> knowledge.search(io.supportagent.platform.StoreId.parse(shop.store()), "shipping", 5)))
                .isNotEmpty();
    }

    @Autowired
    io.supportagent.tenancy.WidgetSightings sightings;

    @Test
    void theStorePagesSayWhereTheWidgetWasSeenOnlyOnAllowedWebsitesAndOnlyTheOrganizationsOwn() {
        Shop shop = shop(Tier.PRO);
        Shop other = shop(Tier.PRO);
        DashboardSession admin = DashboardSession.signedIn(
                port, people.join(shop.org().organization().id(), MemberRole.ADMIN));
        DashboardSession otherAdmin = DashboardSession.signedIn(
                port, people.join(other.org().organization().id(), MemberRole.ADMIN));
        String storePage = shop.base("live") + "/stores/" + shop.store();
        assertThat(admin.get(storePage).body()).contains("Not seen on any website yet");
        String key = TenantContext.callAs(
                shop.org().live(),
                () -> agents.instancesOfStore(io.supportagent.platform.StoreId.parse(shop.store()))
                        .getFirst()
                        .publicKey());

        var fromShop = io.supportagent.support.Http.on(port)
                .header("X-Widget-Key", key)
                .header("Origin", "https://trail.example")
                .get("/widget/v1/config");
        var fromElsewhere = io.supportagent.support.Http.on(port)
                .header("X-Widget-Key", key)
                .header("Origin", "https://copycat.example")
                .get("/widget/v1/config");
        sightings.flush();

        assertThat(fromShop.status()).isEqualTo(200);
        assertThat(fromElsewhere.status()).isEqualTo(403);
        String page = admin.get(storePage).body();
        assertThat(page)
                .doesNotContain("Not seen on any website yet")
                .contains("<code>https://trail.example</code>")
                .doesNotContain("copycat.example")
                .doesNotContain("no longer allowed");
        assertThat(admin.get(shop.base("live") + "/stores").body())
                .contains("just now</time>")
                .doesNotContain("not yet");
        assertThat(otherAdmin
                        .get(other.base("live") + "/stores/" + other.store())
                        .body())
                .as("the same website in another organization's store was not seen by its widget")
                .contains("Not seen on any website yet");
        assertThat(otherAdmin.get(other.base("live") + "/stores").body()).contains("not yet");

        TenantContext.runAs(
                shop.org().live(),
                () -> tenancy.updateStore(
                        io.supportagent.platform.StoreId.parse(shop.store()),
                        "Trail shop",
                        "trail.example",
                        List.of("https://new.trail.example")));
        assertThat(admin.get(storePage).body())
                .contains("<code>https://trail.example</code>")
                .contains("no longer allowed");
    }

    @Test
    void anArticleIndexedByWordsOnlyIsMarkedAndReindexedByMeaningOneOrTheWholeStoreWithoutChangingIt() {
        Shop shop = shop(Tier.PRO);
        var store = io.supportagent.platform.StoreId.parse(shop.store());
        UUID second = TenantContext.callAs(
                shop.org().live(),
                () -> knowledge
                        .addArticles(
                                store,
                                List.of(new NewArticle(
                                        "Returns",
                                        "Send it back within 30 days.",
                                        "https://trail.example/help/returns")))
                        .getFirst()
                        .id());
        // As if the model could not run when they were written (or an older model embedded them).
        requestRoleAs(shop, "UPDATE knowledge_passages SET model = NULL, embedding = NULL, sentence_embeddings = NULL");
        DashboardSession admin = DashboardSession.signedIn(
                port, people.join(shop.org().organization().id(), MemberRole.ADMIN));
        String list = shop.base("live") + "/knowledge/" + shop.store();
        String article = list + "/articles/" + shop.article();
        var updatedBefore = TenantContext.callAs(
                        shop.org().live(), () -> knowledge.article(store, UUID.fromString(shop.article())))
                .updatedAt();
        assertThat(admin.get(list).body()).contains("needs re-index").contains("Re-index 2 articles");
        assertThat(admin.get(article).body()).contains("Indexed by its words only.");

        var reindexed = admin.post(article + "/reindex", Map.of());
        assertThat(reindexed.status()).as(reindexed.body()).isEqualTo(302);

        assertThat(admin.get(article).body()).contains("Indexed by its words and its meaning.");
        assertThat(states(shop))
                .containsEntry(UUID.fromString(shop.article()), IndexState.INDEXED)
                .containsEntry(second, IndexState.WORDS_ONLY);
        assertThat(TenantContext.callAs(
                                shop.org().live(), () -> knowledge.article(store, UUID.fromString(shop.article())))
                        .updatedAt())
                .as("a re-index is not a change of the article")
                .isEqualTo(updatedBefore);
        assertThat(admin.get(list).body()).contains("Re-index 1 article");

        assertThat(admin.post(list + "/reindex", Map.of()).status()).isEqualTo(302);
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(20))
                .until(() -> states(shop).values().stream().allMatch(s -> s == IndexState.INDEXED));
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(5))
                .until(() -> admin.get(list).body().contains("All 2 articles are indexed"));
        assertThat(TenantContext.callAs(
                        shop.org().live(), () -> knowledge.search(store, "how many days do I have to send it back", 1)))
                .singleElement()
                .satisfies(m -> assertThat(m.article().id()).isEqualTo(second));
        Long audited = TenantContext.callAs(
                shop.org().live(),
                () -> new org.springframework.transaction.support.TransactionTemplate(transactions)
                        .execute(status -> requestRole
                                .sql("SELECT count(*) FROM audit_events"
                                        + " WHERE action IN ('article.reindexed', 'knowledge.reindexed')")
                                .query(Long.class)
                                .single()));
        assertThat(audited).isEqualTo(2L);
    }

    private Map<UUID, IndexState> states(Shop shop) {
        return TenantContext.callAs(
                shop.org().live(),
                () -> knowledge
                        .indexReport(io.supportagent.platform.StoreId.parse(shop.store()))
                        .states());
    }

    private void requestRoleAs(Shop shop, String sql) {
        TenantContext.runAs(
                shop.org().live(),
                () -> new org.springframework.transaction.support.TransactionTemplate(transactions)
                        .executeWithoutResult(status -> requestRole.sql(sql).update()));
    }

    @Test
    void theAuditLogDownloadsAsCsvWithItsFilters() {
        Shop shop = shop(Tier.PRO);
        var ownerPerson = people.join(shop.org().organization().id(), MemberRole.OWNER);
        DashboardSession owner = DashboardSession.signedIn(port, ownerPerson);
        owner.get(shop.base("live") + "/api-keys");
        owner.post(shop.base("live") + "/api-keys", Map.of("name", "=HYPERLINK(\"x\")"));

        var csv = owner.get(shop.base("live") + "/audit.csv");
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.header("Content-Type")).startsWith("text/csv");
        assertThat(csv.header("Content-Disposition")).contains("audit-log.csv");
        assertThat(csv.body())
                .startsWith("created_at,mode,actor_type,actor,action")
                .contains("\"api_key.created\"")
                .contains("\"agent_instance.deployed\"")
                .contains(ownerPerson.email());
        var filtered = owner.get(shop.base("live") + "/audit.csv?resource_type=agent_instance");
        assertThat(filtered.body()).contains("agent_instance.deployed").doesNotContain("api_key.created");
    }
}
