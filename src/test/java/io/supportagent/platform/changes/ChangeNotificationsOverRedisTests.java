package io.supportagent.platform.changes;

import static org.assertj.core.api.Assertions.assertThat;

import io.supportagent.support.Http;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * With {@code support-agent.redis.url} set, nodes tell each other about changes over Redis pub/sub (and do not LISTEN
 * on PostgreSQL): two nodes with Redis, one database. Each change reaches the other node within 2 seconds.
 */
class ChangeNotificationsOverRedisTests {

    static final String REDIS = System.getenv().getOrDefault("TEST_REDIS_URL", "redis://127.0.0.1:6379");
    static final String OPERATOR = "op_second_node_token_for_tests_only";

    static ConfigurableApplicationContext one;
    static ConfigurableApplicationContext two;

    @BeforeAll
    static void startNodes() {
        one = ChangeNotificationsAcrossNodesTests.node(
                Map.of("support-agent.redis.url", REDIS, "logging.level.io.supportagent.platform.changes", "debug"));
        two = ChangeNotificationsAcrossNodesTests.node(Map.of("support-agent.redis.url", REDIS));
    }

    @AfterAll
    static void stopNodes() {
        if (one != null) {
            one.close();
        }
        if (two != null) {
            two.close();
        }
    }

    @Test
    void aKeyRevokedOnOneNodeIsRefusedByTheOtherWithinTwoSeconds() {
        int portOne = ChangeNotificationsAcrossNodesTests.port(one);
        int portTwo = ChangeNotificationsAcrossNodesTests.port(two);
        assertThat(one.getBean(ChangeNotifications.class).listening()).isTrue();
        var org = Http.on(portOne)
                .bearer(OPERATOR)
                .post("/platform/v1/organizations", Map.of("name", "Redis org", "tier", "pro"));
        String admin = org.json().get("live_key").get("secret").asString();
        var created = Http.on(portOne).bearer(admin).post("/v1/api-keys", Map.of("name", "over redis"));
        String secret = created.json().get("secret").asString();
        assertThat(Http.on(portTwo).bearer(secret).get("/v1/organization").status())
                .isEqualTo(200);

        Http.on(portOne)
                .bearer(admin)
                .delete("/v1/api-keys/" + created.json().get("id").asString());

        assertThat(Http.on(portOne).bearer(secret).get("/v1/organization").status())
                .isEqualTo(401);
        Awaitility.await()
                .atMost(Duration.ofSeconds(2))
                .pollInterval(Duration.ofMillis(50))
                .until(() ->
                        Http.on(portTwo).bearer(secret).get("/v1/organization").status() == 401);
    }

    @Test
    void aStoreAndAnAgentChangedOnOneNodeReachTheOtherWithinTwoSeconds() {
        int portOne = ChangeNotificationsAcrossNodesTests.port(one);
        int portTwo = ChangeNotificationsAcrossNodesTests.port(two);
        String admin = Http.on(portOne)
                .bearer(OPERATOR)
                .post("/platform/v1/organizations", Map.of("name", "Redis shop", "tier", "pro"))
                .json()
                .get("live_key")
                .get("secret")
                .asString();
        Http http = Http.on(portOne).bearer(admin);
        String store = http.post(
                        "/v1/stores", Map.of("name", "Shop", "allowed_origins", List.of("https://shop.example")))
                .json()
                .get("id")
                .asString();
        String definition = Http.on(portOne)
                .bearer(OPERATOR)
                .post(
                        "/platform/v1/agent-definitions",
                        Map.of(
                                "type", "redis_test",
                                "version", "1." + System.nanoTime() % 1_000_000 + ".0",
                                "name", "Redis test agent",
                                "system_prompt", "Be kind.",
                                "tools", List.of("search_knowledge")))
                .json()
                .get("id")
                .asString();
        var instance = http.post(
                        "/v1/agent-instances",
                        Map.of("store_id", store, "agent_definition_id", definition, "name", "Helper"))
                .json();
        String conversation = http.post(
                        "/v1/conversations",
                        Map.of("agent_instance_id", instance.get("id").asString()))
                .json()
                .get("id")
                .asString();

        // Node two caches the store's origins and the agent's profile. (The origin is this test's own: whether any
        // store allows an origin is a question across all organizations of the shared test database.)
        String newOrigin = "https://redis-" + System.nanoTime() + ".example";
        Http fromNewOriginOnTwo = Http.on(portTwo)
                .header("X-Widget-Key", instance.get("public_key").asString())
                .header("Origin", newOrigin);
        assertThat(fromNewOriginOnTwo.get("/widget/v1/config").status()).isEqualTo(403);
        String messages = "/v1/conversations/" + conversation + "/messages";
        Http onTwo = Http.on(portTwo).bearer(admin);
        assertThat(onTwo.post(messages, ChangeNotificationsAcrossNodesTests.HELLO)
                        .json()
                        .has("reply"))
                .isTrue();

        assertThat(http.patch(
                                "/v1/stores/" + store,
                                Map.of("allowed_origins", List.of("https://shop.example", newOrigin)))
                        .status())
                .isEqualTo(200);
        Awaitility.await()
                .atMost(Duration.ofSeconds(2))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> fromNewOriginOnTwo.get("/widget/v1/config").status() == 200);

        // (A paused agent's widget is closed, so the store is checked first.)
        assertThat(http.patch("/v1/agent-instances/" + instance.get("id").asString(), Map.of("status", "paused"))
                        .status())
                .isEqualTo(200);

        Awaitility.await()
                .atMost(Duration.ofSeconds(2))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> !onTwo.post(messages, ChangeNotificationsAcrossNodesTests.HELLO)
                        .json()
                        .has("reply"));
    }
}
