package io.supportagent.platform.changes;

import static org.assertj.core.api.Assertions.assertThat;

import io.supportagent.SupportAgentApplication;
import io.supportagent.platform.OperatorToken;
import io.supportagent.platform.db.PlatformJdbc;
import io.supportagent.support.AgentFixtures;
import io.supportagent.support.Fixtures;
import io.supportagent.support.Http;
import io.supportagent.support.IntegrationTest;
import io.supportagent.support.TestDatabase;
import io.supportagent.tenancy.Tier;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;

/**
 * Two nodes on one database: this test's application (node A) and a second application context on another random
 * port (node B). A change made on one node, or in plain SQL, reaches the other's caches within 2 seconds
 * (PostgreSQL LISTEN/NOTIFY) — well before any of them would expire.
 */
@IntegrationTest
@Import({Fixtures.class, AgentFixtures.class})
class ChangeNotificationsAcrossNodesTests {

    static final Map<String, String> HELLO = Map.of("role", "customer", "content", "Hello");

    static ConfigurableApplicationContext nodeB;
    static int portB;

    @LocalServerPort
    int portA;

    @Autowired
    Fixtures fixtures;

    @Autowired
    AgentFixtures agents;

    @Autowired
    OperatorToken operatorToken;

    @Autowired
    PlatformJdbc platform;

    @BeforeAll
    static void startSecondNode() {
        nodeB = node(Map.of());
        portB = port(nodeB);
    }

    @AfterAll
    static void stopSecondNode() {
        if (nodeB != null) {
            nodeB.close();
        }
    }

    static ConfigurableApplicationContext node(Map<String, Object> extra) {
        Map<String, Object> properties = new HashMap<>();
        properties.put("server.port", "0");
        properties.put("support-agent.database.url", TestDatabase.url());
        properties.put("support-agent.demo.enabled", "false");
        properties.put("support-agent.api-keys.bcrypt-cost", "4");
        properties.put("support-agent.operator-token", "op_second_node_token_for_tests_only");
        properties.putAll(extra);
        // As command-line arguments: they outrank application.yml (default properties would not).
        return new SpringApplicationBuilder(SupportAgentApplication.class)
                .run(properties.entrySet().stream()
                        .map(e -> "--" + e.getKey() + "=" + e.getValue())
                        .toArray(String[]::new));
    }

    static int port(ConfigurableApplicationContext node) {
        return Integer.parseInt(node.getEnvironment().getProperty("local.server.port"));
    }

    @Test
    void anArticleChangedOnOneNodeIsSearchedThereAtOnceAndOnTheOtherWithinTwoSeconds() {
        var shop = agents.shop("alice@example.com");
        String articles = "/v1/stores/" + shop.store().id() + "/articles";
        String search = articles + "?q="
                + java.net.URLEncoder.encode(
                        "can I bring my dog to the store", java.nio.charset.StandardCharsets.UTF_8);
        // Both nodes have built the store's index now, without the article.
        for (int port : List.of(portA, portB)) {
            assertThat(Http.on(port).bearer(shop.org().liveKey()).get(search).body())
                    .doesNotContain("Dogs welcome");
        }

        var added = Http.on(portA)
                .bearer(shop.org().liveKey())
                .post(articles, Map.of("title", "Dogs welcome", "body", "Well-behaved dogs on a lead may come in."));
        assertThat(added.status()).isEqualTo(201);

        assertThat(titleOfBest(portA, shop, search)).isEqualTo("Dogs welcome");
        Awaitility.await()
                .atMost(Duration.ofSeconds(2))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> "Dogs welcome".equals(titleOfBest(portB, shop, search)));

        var deleted = Http.on(portB)
                .bearer(shop.org().liveKey())
                .delete(articles + "/" + added.json().get("id").asString());
        assertThat(deleted.status()).isEqualTo(204);
        Awaitility.await()
                .atMost(Duration.ofSeconds(2))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> !Http.on(portA)
                        .bearer(shop.org().liveKey())
                        .get(search)
                        .body()
                        .contains("Dogs"));
    }

    private static String titleOfBest(int port, AgentFixtures.Shop shop, String search) {
        var data = Http.on(port).bearer(shop.org().liveKey()).get(search).json().get("data");
        return data.isEmpty() ? null : data.get(0).get("title").asString();
    }

    @Test
    void aKeyRevokedOnOneNodeIsRefusedByTheOtherWithinTwoSeconds() {
        var org = fixtures.organization(Tier.PRO);
        var created = Http.on(portA).bearer(org.liveKey()).post("/v1/api-keys", Map.of("name", "two nodes"));
        String secret = created.json().get("secret").asString();
        assertThat(Http.on(portA).bearer(secret).get("/v1/organization").status())
                .isEqualTo(200);
        assertThat(Http.on(portB).bearer(secret).get("/v1/organization").status())
                .isEqualTo(200); // cached on B

        assertThat(Http.on(portA)
                        .bearer(org.liveKey())
                        .delete("/v1/api-keys/" + created.json().get("id").asString())
                        .status())
                .isEqualTo(200);

        assertThat(Http.on(portA).bearer(secret).get("/v1/organization").status())
                .isEqualTo(401);
        Awaitility.await()
                .atMost(Duration.ofSeconds(2))
                .pollInterval(Duration.ofMillis(50))
                .until(() ->
                        Http.on(portB).bearer(secret).get("/v1/organization").status() == 401);
        assertThat(Http.on(portB)
                        .bearer(secret)
                        .get("/v1/organization")
                        .json()
                        .get("code")
                        .asString())
                .isEqualTo("api_key_revoked");
    }

    @Test
    void aKeyRevokedOnTheOtherNodeIsRefusedHereWithinTwoSeconds() {
        var org = fixtures.organization(Tier.PRO);
        var created = Http.on(portB).bearer(org.liveKey()).post("/v1/api-keys", Map.of("name", "reverse"));
        String secret = created.json().get("secret").asString();
        assertThat(Http.on(portA).bearer(secret).get("/v1/organization").status())
                .isEqualTo(200);

        Http.on(portB)
                .bearer(org.liveKey())
                .delete("/v1/api-keys/" + created.json().get("id").asString());

        Awaitility.await()
                .atMost(Duration.ofSeconds(2))
                .pollInterval(Duration.ofMillis(50))
                .until(() ->
                        Http.on(portA).bearer(secret).get("/v1/organization").status() == 401);
    }

    @Test
    void anImmediateRollOnOneNodeEndsTheOldKeyOnTheOther() {
        var org = fixtures.organization(Tier.PRO);
        var created = Http.on(portA).bearer(org.liveKey()).post("/v1/api-keys", Map.of("name", "roll"));
        String secret = created.json().get("secret").asString();
        assertThat(Http.on(portB).bearer(secret).get("/v1/organization").status())
                .isEqualTo(200);

        Http.on(portA)
                .bearer(org.liveKey())
                .post("/v1/api-keys/" + created.json().get("id").asString() + "/roll", Map.of("expires_in_seconds", 0));

        Awaitility.await()
                .atMost(Duration.ofSeconds(2))
                .pollInterval(Duration.ofMillis(50))
                .until(() ->
                        Http.on(portB).bearer(secret).get("/v1/organization").status() == 401);
    }

    @Test
    void suspendingAnOrganizationOnOneNodeLocksItOutOnTheOther() {
        var org = fixtures.organization(Tier.BASIC);
        assertThat(Http.on(portB).bearer(org.liveKey()).get("/v1/organization").status())
                .isEqualTo(200);

        Http.on(portA)
                .bearer(operatorToken.reveal())
                .patch("/platform/v1/organizations/" + org.organization().id(), Map.of("status", "suspended"));

        Awaitility.await()
                .atMost(Duration.ofSeconds(2))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> Http.on(portB)
                                .bearer(org.liveKey())
                                .get("/v1/organization")
                                .status()
                        == 403);
    }

    @Test
    void anOrganizationChangedOnOneNodeShowsThereAtOnceAndOnTheOtherWithinTwoSeconds() {
        var org = fixtures.organization(Tier.PRO);
        String path = "/v1/organization";
        // Both nodes hold a snapshot of the organization now.
        assertThat(Http.on(portA).bearer(org.liveKey()).get(path).json().has("usage_cap"))
                .isFalse();
        assertThat(Http.on(portB).bearer(org.liveKey()).get(path).json().has("usage_cap"))
                .isFalse();

        var changed = Http.on(portA)
                .bearer(operatorToken.reveal())
                .patch(
                        "/platform/v1/organizations/" + org.organization().id(),
                        Map.of("name", "Renamed on A", "usage_cap", 1234, "tier", "enterprise"));
        assertThat(changed.status()).isEqualTo(200);

        var onA = Http.on(portA).bearer(org.liveKey()).get(path).json();
        assertThat(onA.get("name").asString()).isEqualTo("Renamed on A");
        assertThat(onA.get("usage_cap").asInt()).isEqualTo(1234);
        assertThat(onA.get("tier").asString()).isEqualTo("enterprise");
        Awaitility.await()
                .atMost(Duration.ofSeconds(2))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> Http.on(portB)
                                .bearer(org.liveKey())
                                .get(path)
                                .json()
                                .path("usage_cap")
                                .asInt(0)
                        == 1234);
        assertThat(Http.on(portB)
                        .bearer(org.liveKey())
                        .get(path)
                        .json()
                        .get("tier")
                        .asString())
                .isEqualTo("enterprise");
    }

    @Test
    void anOrganizationChangedOutsideTheApplicationReachesEveryNodeWithinTwoSeconds() {
        var org = fixtures.organization(Tier.BASIC);
        assertThat(Http.on(portA).bearer(org.liveKey()).get("/v1/organization").status())
                .isEqualTo(200);
        assertThat(Http.on(portB).bearer(org.liveKey()).get("/v1/organization").status())
                .isEqualTo(200);

        // As an operator at an SQL console would: no application event, only the database trigger.
        platform.jdbc()
                .sql("UPDATE organizations SET name = 'Renamed in SQL' WHERE id = :id")
                .param("id", org.organization().id().value())
                .update();

        for (int port : new int[] {portA, portB}) {
            Awaitility.await()
                    .atMost(Duration.ofSeconds(2))
                    .pollInterval(Duration.ofMillis(50))
                    .until(() -> Http.on(port)
                            .bearer(org.liveKey())
                            .get("/v1/organization")
                            .json()
                            .path("name")
                            .asString("")
                            .equals("Renamed in SQL"));
        }
    }

    @Test
    void anOriginAddedToAStoreOnOneNodeOpensTheWidgetOnTheOtherWithinTwoSeconds() {
        var shop = agents.shop("dana@example.com");
        String newOrigin = "https://second-front.example";
        Http fromNewOriginOnB = Http.on(portB)
                .header("X-Widget-Key", shop.instance().publicKey())
                .header("Origin", newOrigin);
        // Node B caches that the store does not allow the origin.
        assertThat(fromNewOriginOnB.get("/widget/v1/config").status()).isEqualTo(403);

        var changed = Http.on(portA)
                .bearer(shop.org().liveKey())
                .patch(
                        "/v1/stores/" + shop.store().id(),
                        Map.of("allowed_origins", List.of(AgentFixtures.ORIGIN, newOrigin)));
        assertThat(changed.status()).isEqualTo(200);

        Awaitility.await()
                .atMost(Duration.ofSeconds(2))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> fromNewOriginOnB.get("/widget/v1/config").status() == 200);
    }

    @Test
    void anAgentPausedOnOneNodeFallsSilentOnTheOtherWithinTwoSeconds() {
        var shop = agents.shop("erin@example.com");
        Http onB = Http.on(portB).bearer(shop.org().liveKey());
        String messages = "/v1/conversations/" + agents.conversation(shop, null).id() + "/messages";
        assertThat(onB.post(messages, HELLO).json().has("reply"))
                .as("node B's agent answers, and B caches its profile")
                .isTrue();

        var paused = Http.on(portA)
                .bearer(shop.org().liveKey())
                .patch("/v1/agent-instances/" + shop.instance().id(), Map.of("status", "paused"));
        assertThat(paused.status()).as(paused.toString()).isEqualTo(200);

        Awaitility.await()
                .atMost(Duration.ofSeconds(2))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> !onB.post(messages, HELLO).json().has("reply"));
    }

    @Test
    void anAgentPausedInSqlFallsSilentOnEveryNodeWithinTwoSeconds() {
        var shop = agents.shop("frank@example.com");
        String messages = "/v1/conversations/" + agents.conversation(shop, null).id() + "/messages";
        for (int port : new int[] {portA, portB}) {
            assertThat(Http.on(port)
                            .bearer(shop.org().liveKey())
                            .post(messages, HELLO)
                            .json()
                            .has("reply"))
                    .isTrue();
        }

        platform.jdbc()
                .sql("UPDATE agent_instances SET status = 'paused' WHERE id = :id")
                .param("id", shop.instance().id().value())
                .update();

        for (int port : new int[] {portA, portB}) {
            Awaitility.await()
                    .atMost(Duration.ofSeconds(2))
                    .pollInterval(Duration.ofMillis(50))
                    .until(() -> !Http.on(port)
                            .bearer(shop.org().liveKey())
                            .post(messages, HELLO)
                            .json()
                            .has("reply"));
        }
    }

    @Test
    void aChangeMissedWhileTheListeningConnectionWasDownIsNotKeptInAnyCache() {
        var org = fixtures.organization(Tier.PRO);
        var created = Http.on(portA).bearer(org.liveKey()).post("/v1/api-keys", Map.of("name", "outage"));
        String secret = created.json().get("secret").asString();
        assertThat(Http.on(portB).bearer(secret).get("/v1/organization").status())
                .isEqualTo(200); // cached on B

        // Both nodes lose their listening connection; the key is revoked while they reconnect (they wait a second),
        // so its notification reaches nobody.
        int dropped = platform.jdbc()
                .sql("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
                        + " WHERE application_name = 'support-agent change-notifications'")
                .query(Integer.class)
                .single();
        assertThat(dropped).isGreaterThanOrEqualTo(2);
        platform.jdbc()
                .sql("UPDATE organization_api_keys SET revoked_at = now() WHERE id = :id")
                .param("id", java.util.UUID.fromString(created.json().get("id").asString()))
                .update();

        Awaitility.await()
                .atMost(Duration.ofSeconds(5))
                .pollInterval(Duration.ofMillis(50))
                .until(() ->
                        Http.on(portB).bearer(secret).get("/v1/organization").status() == 401);
        // And both listen again: a change made now reaches the other node as before.
        Awaitility.await()
                .atMost(Duration.ofSeconds(5))
                .until(() -> platform.jdbc()
                                .sql("SELECT count(*) FROM pg_stat_activity"
                                        + " WHERE application_name = 'support-agent change-notifications'")
                                .query(Integer.class)
                                .single()
                        >= dropped);
        aKeyRevokedOnOneNodeIsRefusedByTheOtherWithinTwoSeconds();
    }
}
