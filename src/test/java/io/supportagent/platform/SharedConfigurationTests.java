package io.supportagent.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.supportagent.agents.AgentService;
import io.supportagent.knowledge.KnowledgeService;
import io.supportagent.knowledge.NewArticle;
import io.supportagent.platform.db.PlatformJdbc;
import io.supportagent.support.AgentFixtures;
import io.supportagent.support.Http;
import io.supportagent.support.IntegrationTest;
import io.supportagent.tenancy.TenancyService;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import tools.jackson.databind.JsonNode;

/**
 * Test mode as Stripe's: a test key reads the configuration both modes share (stores, agent instances, articles)
 * and runs test conversations on it, but every change to it answers 403 {@code live_mode_required} and leaves every
 * row of the organization as it was. Orders are shoppers' data, not configuration: each mode has its own.
 */
@IntegrationTest
@Import(AgentFixtures.class)
class SharedConfigurationTests {

    static final String ORDER_EMAIL = "alice@example.com";

    @LocalServerPort
    int port;

    @Autowired
    AgentFixtures fixtures;

    @Autowired
    PlatformJdbc platform;

    @Autowired
    TenancyService tenancy;

    @Autowired
    AgentService agents;

    @Autowired
    KnowledgeService knowledge;

    AgentFixtures.Shop shop;
    String store;
    String instance;
    Http test;
    Http live;

    @BeforeEach
    void aShopWithALiveConversation() {
        shop = fixtures.shop(ORDER_EMAIL);
        fixtures.conversation(shop, "alice@example.com");
        store = shop.store().id().toString();
        instance = shop.instance().id().toString();
        test = Http.on(port).bearer(shop.org().testKey());
        live = Http.on(port).bearer(shop.org().liveKey());
        assertThat(rows())
                .extracting(row -> row.substring(0, row.indexOf(' ')))
                .contains("stores", "agent_instances", "knowledge_articles", "store_orders", "conversations");
    }

    @Test
    void aTestKeyCannotCreateChangeOrDeleteStores() {
        List<String> before = rows();

        assertLiveModeRequired(test.post("/v1/stores", Map.of("name", "Sandbox", "domain", "sandbox.example")));
        assertLiveModeRequired(test.patch(
                "/v1/stores/" + store,
                Map.of(
                        "name",
                        "Renamed",
                        "domain",
                        "evil.example",
                        "allowed_origins",
                        List.of("https://evil.example"))));
        assertLiveModeRequired(test.patch("/v1/stores/" + store, Map.of("allowed_origins", List.of())));
        assertLiveModeRequired(test.delete("/v1/stores/" + store));
        // Refused before any lookup: an id that does not exist answers the same.
        assertLiveModeRequired(test.delete("/v1/stores/" + UUID.randomUUID()));

        assertThat(rows()).isEqualTo(before);
        assertThat(live.get("/v1/stores/" + store).json().get("name").asString())
                .isEqualTo("Shop");
    }

    @Test
    void aTestKeyCannotDeployChangeOrRollAgentInstances() {
        List<String> before = rows();

        assertLiveModeRequired(test.post(
                "/v1/agent-instances",
                Map.of(
                        "store_id",
                        store,
                        "agent_definition_id",
                        shop.instance().agentDefinitionId().toString(),
                        "name",
                        "Sandbox agent")));
        assertLiveModeRequired(test.patch("/v1/agent-instances/" + instance, Map.of("status", "paused")));
        assertLiveModeRequired(test.patch(
                "/v1/agent-instances/" + instance, Map.of("name", "Renamed", "config", Map.of("greeting", "Hacked"))));
        assertLiveModeRequired(test.post("/v1/agent-instances/" + instance + "/roll-key", null));

        assertThat(rows()).isEqualTo(before);
        JsonNode read = live.get("/v1/agent-instances/" + instance).json();
        assertThat(read.get("status").asString()).isEqualTo("active");
        assertThat(read.get("public_key").asString()).isEqualTo(shop.instance().publicKey());
    }

    @Test
    void aTestKeyCannotWriteArticles() {
        List<String> before = rows();

        assertLiveModeRequired(
                test.post("/v1/stores/" + store + "/articles", Map.of("title", "Fake", "body", "Free jackets")));
        assertLiveModeRequired(test.post(
                "/v1/stores/" + store + "/articles",
                Map.of("articles", List.of(Map.of("title", "Fake", "body", "Free jackets")))));

        assertThat(rows()).isEqualTo(before);
    }

    @Test
    void eachModeHasItsOwnOrders() {
        assertThat(test.get("/v1/stores/" + store + "/orders/1001").status())
                .as("a live order, unseen by a test key")
                .isEqualTo(404);
        assertThat(test.put("/v1/stores/" + store + "/orders/1001", order("cancelled"))
                        .status())
                .isEqualTo(200);

        assertThat(test.get("/v1/stores/" + store + "/orders/1001")
                        .json()
                        .get("status")
                        .asString())
                .isEqualTo("cancelled");
        assertThat(live.get("/v1/stores/" + store + "/orders/1001")
                        .json()
                        .get("status")
                        .asString())
                .as("the live order is untouched")
                .isEqualTo("shipped");
        assertThat(test.put("/v1/stores/" + store + "/orders/2002", order("shipped"))
                        .status())
                .isEqualTo(200);
        assertThat(live.get("/v1/stores/" + store + "/orders/2002").status()).isEqualTo(404);
    }

    @Test
    void aTestConversationNeverDisclosesALiveOrder() {
        var started = test.post("/v1/conversations", Map.of("agent_instance_id", instance));
        String id = started.json().get("id").asString();

        var asked = test.post(
                "/v1/conversations/" + id + "/messages",
                Map.of("role", "customer", "content", "Where is my order 1001? My email is " + ORDER_EMAIL));

        assertThat(asked.status()).as(asked.toString()).isEqualTo(201);
        String reply = asked.json().get("reply").get("content").asString();
        assertThat(reply).doesNotContain("tracking.example").doesNotContain("shipped");
        // The same question in live mode does find it: the refusal above is the mode's doing.
        String liveId = live.post("/v1/conversations", Map.of("agent_instance_id", instance))
                .json()
                .get("id")
                .asString();
        var liveReply = live.post(
                "/v1/conversations/" + liveId + "/messages",
                Map.of("role", "customer", "content", "Where is my order 1001? My email is " + ORDER_EMAIL));
        assertThat(liveReply.json().get("reply").get("content").asString()).contains("tracking.example");
    }

    @Test
    void theServicesRefuseTestModeWhoeverCallsThem() {
        List<String> before = rows();
        StoreId storeId = shop.store().id();
        AgentInstanceId instanceId = shop.instance().id();

        TenantContext.runAs(shop.org().test(), () -> {
            assertRefused(() -> tenancy.createStore("Sandbox", null, List.of()));
            assertRefused(() -> tenancy.updateStore(storeId, "Renamed", null, null));
            assertRefused(() -> tenancy.addAllowedOrigins(storeId, List.of("https://evil.example")));
            assertRefused(() -> tenancy.deleteStore(storeId));
            assertRefused(() -> agents.deploy(storeId, shop.instance().agentDefinitionId(), "Sandbox agent", "{}"));
            assertRefused(() -> agents.updateInstance(instanceId, null, null, "paused", null));
            assertRefused(() -> agents.rollWidgetKey(instanceId));
            assertRefused(() -> knowledge.addArticles(storeId, List.of(new NewArticle("Fake", "Free jackets", null))));
        });

        assertThat(rows()).isEqualTo(before);
    }

    @Test
    void theSameChangesSucceedWithTheLiveKey() {
        assertThat(live.post("/v1/stores/" + store + "/articles", Map.of("title", "Sizes", "body", "S to XL"))
                        .status())
                .isEqualTo(201);
        assertThat(live.put("/v1/stores/" + store + "/orders/2002", order("shipped"))
                        .status())
                .isEqualTo(200);
        assertThat(live.post("/v1/agent-instances/" + instance + "/roll-key", null)
                        .status())
                .isEqualTo(200);
        assertThat(live.patch("/v1/agent-instances/" + instance, Map.of("status", "paused"))
                        .status())
                .isEqualTo(200);
        assertThat(live.patch("/v1/stores/" + store, Map.of("name", "Renamed")).status())
                .isEqualTo(200);
        assertThat(live.delete("/v1/stores/" + store).status()).isEqualTo(200);
    }

    @Test
    void aTestKeyReadsTheSharedConfiguration() {
        assertThat(ids(test.get("/v1/stores"))).contains(store);
        assertThat(test.get("/v1/stores/" + store).json().get("name").asString())
                .isEqualTo("Shop");
        assertThat(ids(test.get("/v1/agent-instances?store_id=" + store))).containsExactly(instance);
        assertThat(test.get("/v1/agent-instances/" + instance)
                        .json()
                        .get("public_key")
                        .asString())
                .isEqualTo(shop.instance().publicKey());
        assertThat(ids(test.get("/v1/agent-definitions?limit=100")))
                .contains(shop.instance().agentDefinitionId().toString());
        assertThat(test.get("/v1/stores/" + store + "/articles").json().get("data"))
                .hasSize(2);
        assertThat(test.get("/v1/stores/" + store + "/articles?q=shipping")
                        .json()
                        .get("data")
                        .get(0)
                        .get("title")
                        .asString())
                .isEqualTo("Shipping times");
    }

    @Test
    void aTestKeyRunsATestConversationEndToEnd() {
        var started = test.post(
                "/v1/conversations",
                Map.of("agent_instance_id", instance, "customer_name", "Ada", "customer_email", "ada@example.com"));
        assertThat(started.status()).as(started.toString()).isEqualTo(201);
        assertThat(started.json().get("livemode").asBoolean()).isFalse();
        String id = started.json().get("id").asString();

        var asked = test.post(
                "/v1/conversations/" + id + "/messages",
                Map.of("role", "customer", "content", "How long does shipping take?"));
        assertThat(asked.status()).as(asked.toString()).isEqualTo(201);
        assertThat(asked.json().get("reply").get("content").asString()).contains("3-5 business days");

        assertThat(test.post("/v1/conversations/" + id + "/handoff", null)
                        .json()
                        .get("status")
                        .asString())
                .isEqualTo("handed_off");
        assertThat(test.post(
                                "/v1/conversations/" + id + "/messages",
                                Map.of("role", "human_agent", "content", "Hi, this is Sam."))
                        .status())
                .isEqualTo(201);
        assertThat(test.post("/v1/conversations/" + id + "/resolve", null)
                        .json()
                        .get("status")
                        .asString())
                .isEqualTo("resolved");

        JsonNode read = test.get("/v1/conversations/" + id).json();
        assertThat(read.get("messages").findValuesAsString("role"))
                .containsExactly("customer", "agent", "system", "human_agent");
        assertThat(live.get("/v1/conversations/" + id).status()).isEqualTo(404);
    }

    private static void assertLiveModeRequired(Http.Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(403);
        assertThat(response.contentType()).startsWith("application/problem+json");
        JsonNode problem = response.json();
        assertThat(problem.get("code").asString()).isEqualTo("live_mode_required");
        assertThat(problem.get("detail").asString()).contains("live key (sk_live_)");
    }

    private static void assertRefused(Executable change) {
        assertThatThrownBy(change::execute).isInstanceOf(LiveModeRequired.class).hasMessageContaining("sk_live_");
    }

    private static Map<String, Object> order(String status) {
        return Map.of(
                "customer_email",
                "mallory@example.com",
                "status",
                status,
                "items",
                List.of(Map.of("name", "Trail jacket", "quantity", 1)),
                "updated_at",
                "2030-01-01T00:00:00Z");
    }

    /** Every row of the organization's shared configuration and conversations, whole, in a stable order. */
    private List<String> rows() {
        return platform.jdbc()
                .sql("""
                        SELECT 'stores ' || to_jsonb(t)::text FROM stores t WHERE organization_id = :org
                        UNION ALL
                        SELECT 'agent_instances ' || to_jsonb(t)::text FROM agent_instances t WHERE organization_id = :org
                        UNION ALL
                        SELECT 'knowledge_articles ' || to_jsonb(t)::text FROM knowledge_articles t
                         WHERE organization_id = :org
                        UNION ALL
                        SELECT 'store_orders ' || to_jsonb(t)::text FROM store_orders t WHERE organization_id = :org
                        UNION ALL
                        SELECT 'conversations ' || to_jsonb(t)::text FROM conversations t WHERE organization_id = :org
                        UNION ALL
                        SELECT 'messages ' || to_jsonb(t)::text FROM messages t WHERE organization_id = :org
                        ORDER BY 1""")
                .param("org", shop.org().organization().id().value())
                .query(String.class)
                .list();
    }

    private static List<String> ids(Http.Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json().get("data").findValuesAsString("id");
    }
}
