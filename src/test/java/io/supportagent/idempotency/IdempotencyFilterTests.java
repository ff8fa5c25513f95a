package io.supportagent.idempotency;

import static org.assertj.core.api.Assertions.assertThat;

import io.supportagent.platform.OperatorToken;
import io.supportagent.platform.db.PlatformJdbc;
import io.supportagent.support.AgentFixtures;
import io.supportagent.support.ApiFixtures;
import io.supportagent.support.Fixtures;
import io.supportagent.support.Http;
import io.supportagent.support.IntegrationTest;
import io.supportagent.support.TestDatabase;
import io.supportagent.tenancy.Tier;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

@IntegrationTest
@Import({Fixtures.class, ApiFixtures.class, AgentFixtures.class})
class IdempotencyFilterTests {

    @Autowired
    AgentFixtures shops;

    @Autowired
    OperatorToken operatorToken;

    @Autowired
    JdbcClient requestRole;

    @LocalServerPort
    int port;

    @Autowired
    Fixtures fixtures;

    @Autowired
    ApiFixtures api;

    @Autowired
    PlatformJdbc platform;

    @Test
    void replaysTheFirstAnswerWithoutCreatingAgain() {
        var org = fixtures.organization(Tier.PRO);
        var deployed = api.deploy(org);
        Http http = Http.on(port).bearer(org.liveKey()).header("Idempotency-Key", "start-" + UUID.randomUUID());
        Map<String, Object> body =
                Map.of("agent_instance_id", deployed.instance().id().toString());

        var first = http.post("/v1/conversations", body);
        var second = http.post("/v1/conversations", body);

        assertThat(first.status()).isEqualTo(201);
        assertThat(first.header("Idempotent-Replayed")).isNull();
        assertThat(second.status()).isEqualTo(201);
        assertThat(second.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(second.body()).isEqualTo(first.body());
        assertThat(second.contentType()).startsWith("application/json");
        assertThat(conversations(org)).isEqualTo(1);
    }

    @Test
    void aReplayedWebhookEndpointNeverShowsOrStoresItsSigningSecretAgain() {
        var org = fixtures.organization(Tier.PRO);
        Http http = Http.on(port).bearer(org.liveKey()).header("Idempotency-Key", "hook-" + UUID.randomUUID());
        Map<String, Object> body = Map.of("url", "https://hooks-" + UUID.randomUUID() + ".example.com/in");

        var first = http.post("/v1/webhook-endpoints", body);
        var second = http.post("/v1/webhook-endpoints", body);

        String secret = first.json().get("secret").asString();
        assertThat(secret).startsWith("whsec_");
        assertThat(second.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(second.json().get("id")).isEqualTo(first.json().get("id"));
        assertThat(second.json().get("secret").isNull()).isTrue();
        assertThat(storedAnswersHolding(secret)).isZero();
    }

    private int storedAnswersHolding(String secret) {
        return platform.jdbc()
                .sql(
                        "SELECT count(*) FROM idempotency_keys WHERE position(CAST(:secret AS bytea) IN response_body) > 0")
                .param("secret", secret.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .query(Integer.class)
                .single();
    }

    @Test
    void aReplayedKeyCreationNeverShowsOrStoresTheSecretAgain() {
        var org = fixtures.organization(Tier.PRO);
        Http http = Http.on(port).bearer(org.liveKey()).header("Idempotency-Key", "key-" + UUID.randomUUID());

        var first = http.post("/v1/api-keys", Map.of("name", "CI deploys"));
        var second = http.post("/v1/api-keys", Map.of("name", "CI deploys"));

        String secret = first.json().get("secret").asString();
        assertThat(secret).startsWith("sk_live_");
        assertThat(second.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(second.json().get("id").asString())
                .isEqualTo(first.json().get("id").asString());
        assertThat(second.json().get("secret").isNull()).isTrue();
        assertThat(platform.jdbc()
                        .sql(
                                "SELECT count(*) FROM idempotency_keys WHERE position(CAST(:secret AS bytea) IN response_body) > 0")
                        .param("secret", secret.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                        .query(Integer.class)
                        .single())
                .isZero();
    }

    @Test
    void replaysClientErrorsButNotConflicts() {
        var org = fixtures.organization(Tier.BASIC);
        Http http = Http.on(port).bearer(org.liveKey());
        http.post("/v1/stores", Map.of("name", "Only"));
        Http keyed = http.header("Idempotency-Key", "second-store");
        var refused = keyed.post("/v1/stores", Map.of("name", "Second"));
        assertThat(refused.status()).isEqualTo(403);
        var replayed = keyed.post("/v1/stores", Map.of("name", "Second"));
        assertThat(replayed.status()).isEqualTo(403);
        assertThat(replayed.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(replayed.contentType()).startsWith("application/problem+json");

        assertThat(IdempotencyFilter.replayable(409)).isFalse();
        assertThat(IdempotencyFilter.replayable(429)).isFalse();
        assertThat(IdempotencyFilter.replayable(500)).isFalse();
        assertThat(IdempotencyFilter.replayable(503)).isFalse();
        assertThat(IdempotencyFilter.replayable(404)).isTrue();
    }

    @Test
    void theSameKeyWithOtherParametersIsRefused() {
        var org = fixtures.organization(Tier.ENTERPRISE);
        Http http = Http.on(port).bearer(org.liveKey()).header("Idempotency-Key", "k1");
        assertThat(http.post("/v1/stores", Map.of("name", "One")).status()).isEqualTo(201);

        var reused = http.post("/v1/stores", Map.of("name", "Two"));
        assertThat(reused.status()).isEqualTo(422);
        assertThat(reused.json().get("code").asString()).isEqualTo("idempotency_key_reused");
        assertThat(stores(org)).isEqualTo(1);
    }

    @Test
    void theSameKeyWhileTheFirstRequestRunsAnswersConflict() {
        var org = fixtures.organization(Tier.ENTERPRISE);
        Http http = Http.on(port).bearer(org.liveKey()).header("Idempotency-Key", "slow");
        Map<String, Object> body = Map.of("name", "Slow");
        // The first request is in flight on another node: its claim is there, its answer not yet.
        platform.jdbc()
                .sql("""
                        INSERT INTO idempotency_keys (organization_id, livemode, key, fingerprint, state, expires_at, locked_until)
                        VALUES (:org, true, 'slow', :fingerprint, 'in_flight', now() + interval '1 day', now() + interval '1 minute')""")
                .param("org", org.organization().id().value())
                .param("fingerprint", "POST /v1/stores " + sha256("{\"name\":\"Slow\"}"))
                .update();

        var concurrent = http.post("/v1/stores", body);

        assertThat(concurrent.status()).isEqualTo(409);
        assertThat(concurrent.json().get("code").asString()).isEqualTo("idempotency_key_in_use");
        assertThat(concurrent.header("Retry-After")).as("when to try again").isEqualTo("1");
        assertThat(stores(org)).isZero();
    }

    @Test
    void keysArePerOrganizationAndModeAndExpire() {
        var a = fixtures.organization(Tier.ENTERPRISE);
        var b = fixtures.organization(Tier.ENTERPRISE);
        String key = "shared-key";
        assertThat(Http.on(port)
                        .bearer(a.liveKey())
                        .header("Idempotency-Key", key)
                        .post("/v1/stores", Map.of("name", "A"))
                        .status())
                .isEqualTo(201);
        var otherOrg = Http.on(port)
                .bearer(b.liveKey())
                .header("Idempotency-Key", key)
                .post("/v1/stores", Map.of("name", "B"));
        assertThat(otherOrg.status()).isEqualTo(201);
        assertThat(otherOrg.header("Idempotent-Replayed")).isNull();
        // A test key may not create stores (shared configuration): the request runs and is refused, where a key
        // shared across modes would have replayed live mode's 201 or answered 422 for the other body.
        var testMode = Http.on(port)
                .bearer(a.testKey())
                .header("Idempotency-Key", key)
                .post("/v1/stores", Map.of("name", "T"));
        assertThat(testMode.status()).as(testMode.toString()).isEqualTo(403);
        assertThat(testMode.json().get("code").asString()).isEqualTo("live_mode_required");
        assertThat(testMode.header("Idempotent-Replayed")).isNull();

        platform.jdbc()
                .sql(
                        "UPDATE idempotency_keys SET expires_at = now() - interval '1 second' WHERE organization_id = :org")
                .param("org", a.organization().id().value())
                .update();
        var afterExpiry = Http.on(port)
                .bearer(a.liveKey())
                .header("Idempotency-Key", key)
                .post("/v1/stores", Map.of("name", "A2"));
        assertThat(afterExpiry.status()).isEqualTo(201);
        assertThat(afterExpiry.header("Idempotent-Replayed")).isNull();
        assertThat(stores(a)).isEqualTo(2);
    }

    @Test
    void refusesKeysLongerThan255Characters() {
        var org = fixtures.organization(Tier.ENTERPRISE);
        var response = Http.on(port)
                .bearer(org.liveKey())
                .header("Idempotency-Key", "k".repeat(256))
                .post("/v1/stores", Map.of("name", "S"));
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("errors").has("Idempotency-Key")).isTrue();
        assertThat(stores(org)).isZero();
    }

    // ---- the widget API: per organization, apart from the organization API, bound to the widget and conversation

    private Http widget(AgentFixtures.Shop shop) {
        return Http.on(port).header("X-Widget-Key", shop.instance().publicKey()).header("Origin", AgentFixtures.ORIGIN);
    }

    @Test
    void aRetriedWidgetStartIsOneConversationCountedOnce() {
        var shop = shops.shop("alice@example.com");
        Http keyed = widget(shop).header("Idempotency-Key", "start-" + UUID.randomUUID());
        Map<String, Object> body = Map.of("message", "Hello", "customer_email", "alice@example.com");

        var first = keyed.post("/widget/v1/conversations", body);
        var second = keyed.post("/widget/v1/conversations", body);

        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        assertThat(first.header("Idempotent-Replayed")).isNull();
        assertThat(second.status()).isEqualTo(201);
        assertThat(second.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(second.header("Access-Control-Expose-Headers")).contains("Idempotent-Replayed");
        // The same conversation; its token, a one-time secret, is not kept for replays.
        assertThat(second.json().get("id")).isEqualTo(first.json().get("id"));
        assertThat(first.json().get("token").asString()).startsWith("ct_");
        assertThat(second.json().get("token").isNull()).isTrue();
        assertThat(storedAnswersHolding(first.json().get("token").asString())).isZero();
        assertThat(conversations(shop.org())).isEqualTo(1);
        assertThat(countedConversations(shop.org())).isEqualTo(1);
        var sent = widget(shop)
                .header("X-Conversation-Token", first.json().get("token").asString())
                .post(
                        "/widget/v1/conversations/" + second.json().get("id").asString() + "/messages",
                        Map.of("content", "How long does shipping take?"));
        assertThat(sent.status()).isEqualTo(201);
    }

    @Test
    void aRetriedWidgetStartWithTheWidgetsOwnTokenGoesOnWithoutAnySecretInTheAnswer() {
        var shop = shops.shop("alice@example.com");
        Http keyed = widget(shop).header("Idempotency-Key", "start-" + UUID.randomUUID());
        String token = "ct_" + "A1b2C3d4E5f6G7h8".repeat(3);
        Map<String, Object> body = Map.of("message", "How long does shipping take?", "conversation_token", token);

        var first = keyed.post("/widget/v1/conversations", body);
        var second = keyed.post("/widget/v1/conversations", body);

        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        assertThat(first.json().has("token"))
                .as("the widget's own token never travels back")
                .isFalse();
        assertThat(first.json().get("reply").get("content").asString()).contains("3-5 business days");
        assertThat(second.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(second.body()).isEqualTo(first.body());
        assertThat(storedAnswersHolding(token)).isZero();
        assertThat(countedConversations(shop.org())).isEqualTo(1);
        var history = widget(shop)
                .header("X-Conversation-Token", token)
                .get("/widget/v1/conversations/" + second.json().get("id").asString());
        assertThat(history.status()).isEqualTo(200);
        assertThat(history.json().get("messages").size()).isEqualTo(2);
    }

    @Test
    void aWidgetKeyWithOtherParametersOrFromAnotherWidgetIsRefused() {
        var shop = shops.shop("alice@example.com");
        var otherStore = shops.secondStore(shop, "PLUGH");
        String key = "start-" + UUID.randomUUID();
        assertThat(widget(shop)
                        .header("Idempotency-Key", key)
                        .post("/widget/v1/conversations", Map.of("message", "Hi", "customer_name", "Ann"))
                        .status())
                .isEqualTo(201);

        var otherBody =
                widget(shop).header("Idempotency-Key", key).post("/widget/v1/conversations", Map.of("message", "Hi"));
        var otherWidget = Http.on(port)
                .header("X-Widget-Key", otherStore.instance().publicKey())
                .header("Origin", "https://second.example")
                .header("Idempotency-Key", key)
                .post("/widget/v1/conversations", Map.of("message", "Hi", "customer_name", "Ann"));

        assertThat(otherBody.status()).isEqualTo(422);
        assertThat(otherBody.json().get("code").asString()).isEqualTo("idempotency_key_reused");
        // Same organization, same body, another store's widget: never that conversation's token.
        assertThat(otherWidget.status()).isEqualTo(422);
        assertThat(otherWidget.body()).doesNotContain("ct_");
        assertThat(conversations(shop.org())).isEqualTo(1);
        assertThat(countedConversations(shop.org())).isEqualTo(1);
    }

    @Test
    void aWidgetMessageIsReplayedOnlyWithItsConversationsToken() {
        var shop = shops.shop("alice@example.com");
        var started = widget(shop).post("/widget/v1/conversations", Map.of("message", "Hello"));
        String path = "/widget/v1/conversations/" + started.json().get("id").asString() + "/messages";
        String key = "message-" + UUID.randomUUID();
        Http keyed = widget(shop).header("Idempotency-Key", key);
        Http withToken =
                keyed.header("X-Conversation-Token", started.json().get("token").asString());
        Map<String, Object> body = Map.of("content", "How long does shipping take?");

        var first = withToken.post(path, body);
        var replayed = withToken.post(path, body);
        var withoutToken = keyed.post(path, body);
        var wrongToken = keyed.header("X-Conversation-Token", "ct_wrong").post(path, body);

        assertThat(first.status()).isEqualTo(201);
        assertThat(replayed.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(replayed.body()).isEqualTo(first.body());
        assertThat(withoutToken.status()).isEqualTo(422);
        assertThat(wrongToken.status()).isEqualTo(422);
        assertThat(wrongToken.body()).doesNotContain("Shipping times");
        assertThat(messages(shop.org())).isEqualTo(4); // the greeting exchange, then the shopper's and the reply, once
    }

    @Test
    void widgetKeysNeitherReplayNorBlockTheOrganizationApisKeys() {
        var shop = shops.shop("alice@example.com");
        String key = "order-1001";

        var fromWidget = widget(shop)
                .header("Idempotency-Key", key)
                .post("/widget/v1/conversations", Map.of("message", "Hello"));
        var fromApi = Http.on(port)
                .bearer(shop.org().liveKey())
                .header("Idempotency-Key", key)
                .post(
                        "/v1/conversations",
                        Map.of("agent_instance_id", shop.instance().id().toString()));

        assertThat(fromWidget.status()).isEqualTo(201);
        assertThat(fromApi.status()).as(fromApi.toString()).isEqualTo(201);
        assertThat(fromApi.header("Idempotent-Replayed")).isNull();
        assertThat(conversations(shop.org())).isEqualTo(2);
    }

    // ---- the platform API: the operator's own scope, through the platform role only

    private Http operator() {
        return Http.on(port).bearer(operatorToken.reveal());
    }

    @Test
    void aRetriedOrganizationCreationCreatesOneOrganization() {
        String name = "Replayed " + UUID.randomUUID();
        Http keyed = operator().header("Idempotency-Key", "create-" + UUID.randomUUID());

        var first = keyed.post("/platform/v1/organizations", Map.of("name", name, "tier", "pro"));
        var second = keyed.post("/platform/v1/organizations", Map.of("name", name, "tier", "pro"));
        var otherName = keyed.post("/platform/v1/organizations", Map.of("name", name + "!", "tier", "pro"));

        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        assertThat(first.json().get("live_key").get("secret").asString()).startsWith("sk_live_");
        assertThat(second.status()).isEqualTo(201);
        assertThat(second.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(second.json().get("id").asString())
                .isEqualTo(first.json().get("id").asString());
        assertThat(second.json().get("live_key").get("secret").isNull()).isTrue();
        assertThat(second.json().get("test_key").get("secret").isNull()).isTrue();
        assertThat(otherName.status()).isEqualTo(422);
        assertThat(platform.jdbc()
                        .sql("SELECT count(*) FROM organizations WHERE name LIKE :name")
                        .param("name", name + "%")
                        .query(Integer.class)
                        .single())
                .isEqualTo(1);
        // The operator's keys are the platform role's alone: the request role sees none of them.
        assertThat(platform.jdbc()
                        .sql("SELECT count(*) FROM platform_idempotency_keys")
                        .query(Integer.class)
                        .single())
                .isPositive();
        assertThat(requestRole
                        .sql("SELECT count(*) FROM platform_idempotency_keys")
                        .query(Integer.class)
                        .single())
                .isZero();
    }

    @Test
    void aRetriedAgentDefinitionPublicationIsReplayedNotRefused() {
        String type =
                "replayed_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        Map<String, Object> body = Map.of(
                "type", type,
                "version", "1.0.0",
                "name", "Replayed",
                "system_prompt", "Be kind.",
                "tools", List.of("search_knowledge"));
        Http keyed = operator().header("Idempotency-Key", "publish-" + type);

        var first = keyed.post("/platform/v1/agent-definitions", body);
        var second = keyed.post("/platform/v1/agent-definitions", body);

        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        assertThat(second.status()).as(second.toString()).isEqualTo(201);
        assertThat(second.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(second.body()).isEqualTo(first.body());
        assertThat(operator().post("/platform/v1/agent-definitions", body).status())
                .isEqualTo(409); // without the key, publishing the same version again is refused
    }

    // ---- event streams: streamed as written, replayed whole

    @Test
    void anEventStreamReachesTheClientAsItIsWrittenAndIsReplayedWhole() throws Exception {
        var shop = shops.shop("alice@example.com");
        var conversation = shops.conversation(shop, null);
        String path = "/v1/conversations/" + conversation.id() + "/messages";
        String key = "stream-" + UUID.randomUUID();
        String body = "{\"role\":\"customer\",\"content\":\"How long does shipping take?\"}";
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + shop.org().liveKey())
                .header("Idempotency-Key", key)
                .header("Accept", "text/event-stream")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();

        String firstEvent;
        BufferedReader stream;
        // The offline provider searches the store's articles after the shopper's message is accepted (the first
        // event). While the articles are locked the reply cannot go on, so that event arrives only if it is streamed.
        try (Connection owner = DriverManager.getConnection(TestDatabase.url());
                Statement lock = owner.createStatement()) {
            owner.setAutoCommit(false);
            lock.execute("LOCK TABLE knowledge_articles IN ACCESS EXCLUSIVE MODE");
            try {
                HttpResponse<InputStream> response = HttpClient.newHttpClient()
                        .sendAsync(request, HttpResponse.BodyHandlers.ofInputStream())
                        .get(10, TimeUnit.SECONDS);
                assertThat(response.statusCode()).isEqualTo(200);
                assertThat(response.headers().firstValue("Content-Type").orElseThrow())
                        .startsWith("text/event-stream");
                stream = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8));
                firstEvent =
                        CompletableFuture.supplyAsync(() -> readEvent(stream)).get(10, TimeUnit.SECONDS);
            } finally {
                owner.rollback();
            }
        }
        StringBuilder rest = new StringBuilder();
        for (String event = readEvent(stream); !event.isEmpty(); event = readEvent(stream)) {
            rest.append(event);
        }
        String whole = firstEvent + rest;

        assertThat(firstEvent).startsWith("event: message\ndata: ");
        assertThat(rest.toString()).contains("event: delta").endsWith("\n\n").contains("event: done\ndata: ");
        var replay = Http.on(port)
                .bearer(shop.org().liveKey())
                .header("Idempotency-Key", key)
                .header("Accept", "text/event-stream")
                .post(path, body);
        assertThat(replay.status()).isEqualTo(200);
        assertThat(replay.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(replay.contentType()).startsWith("text/event-stream");
        assertThat(replay.body()).isEqualTo(whole);
        var asJson = Http.on(port)
                .bearer(shop.org().liveKey())
                .header("Idempotency-Key", key)
                .post(path, body);
        assertThat(asJson.status()).isEqualTo(422); // the same message asked for as JSON is another request
        assertThat(messages(shop.org())).isEqualTo(2);
    }

    /** One server-sent event with its blank line, or empty at the end of the stream. */
    private static String readEvent(BufferedReader in) {
        StringBuilder event = new StringBuilder();
        try {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                event.append(line).append('\n');
                if (line.isEmpty()) {
                    break;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return event.toString();
    }

    private int countedConversations(Fixtures.Org org) {
        return platform.jdbc()
                .sql("SELECT coalesce(sum(conversations), 0) FROM conversation_usage WHERE organization_id = :org")
                .param("org", org.organization().id().value())
                .query(Integer.class)
                .single();
    }

    private int messages(Fixtures.Org org) {
        return count("messages", org);
    }

    private int conversations(Fixtures.Org org) {
        return count("conversations", org);
    }

    private int stores(Fixtures.Org org) {
        return count("stores", org);
    }

    private int count(String table, Fixtures.Org org) {
        return platform.jdbc()
                .sql("SELECT count(*) FROM " + table + " WHERE organization_id = :org")
                .param("org", org.organization().id().value())
                .query(Integer.class)
                .single();
    }

    private static String sha256(String text) {
        try {
            return java.util.HexFormat.of()
                    .formatHex(java.security.MessageDigest.getInstance("SHA-256")
                            .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
