package io.supportagent.conversations;

import static org.assertj.core.api.Assertions.assertThat;

import io.supportagent.support.ApiFixtures;
import io.supportagent.support.Fixtures;
import io.supportagent.support.Http;
import io.supportagent.support.IntegrationTest;
import io.supportagent.tenancy.Tier;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import tools.jackson.databind.JsonNode;

/** The organization API end to end: stores, definitions, instances and conversations through the real filters. */
@IntegrationTest
@Import({Fixtures.class, ApiFixtures.class})
class OrganizationApiTests {

    @LocalServerPort
    int port;

    @Autowired
    Fixtures fixtures;

    @Autowired
    ApiFixtures api;

    @Test
    void createsReadsUpdatesListsAndDeletesStores() {
        var org = fixtures.organization(Tier.PRO);
        Http http = Http.on(port).bearer(org.liveKey());

        var created = http.post(
                "/v1/stores",
                Map.of(
                        "name", "Main shop",
                        "domain", "Shop.Example.com",
                        "allowed_origins", List.of("https://Shop.example.com", "http://localhost:3000")));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        JsonNode store = created.json();
        assertThat(store.get("object").asString()).isEqualTo("store");
        assertThat(store.get("domain").asString()).isEqualTo("shop.example.com");
        assertThat(store.get("allowed_origins").get(0).asString()).isEqualTo("https://shop.example.com");
        assertThat(store.get("created_at").asString()).endsWith("Z");
        String id = store.get("id").asString();

        assertThat(http.get("/v1/stores/" + id).json().get("name").asString()).isEqualTo("Main shop");
        var patched = http.patch("/v1/stores/" + id, Map.of("name", "Renamed"));
        assertThat(patched.status()).as(patched.toString()).isEqualTo(200);
        assertThat(patched.json().get("name").asString()).isEqualTo("Renamed");
        assertThat(patched.json().get("domain").asString()).isEqualTo("shop.example.com");

        var list = http.get("/v1/stores").json();
        assertThat(list.get("object").asString()).isEqualTo("list");
        assertThat(list.get("url").asString()).isEqualTo("/v1/stores");
        assertThat(list.get("has_more").asBoolean()).isFalse();
        assertThat(list.get("data").get(0).get("id").asString()).isEqualTo(id);

        var deleted = http.delete("/v1/stores/" + id);
        assertThat(deleted.status()).isEqualTo(200);
        assertThat(deleted.json().get("deleted").asBoolean()).isTrue();
        assertThat(http.get("/v1/stores/" + id).status()).isEqualTo(404);
    }

    @Test
    void paginatesNewestFirstWithACursor() {
        var org = fixtures.organization(Tier.ENTERPRISE);
        Http http = Http.on(port).bearer(org.liveKey());
        for (int i = 0; i < 5; i++) {
            assertThat(http.post("/v1/stores", Map.of("name", "Store " + i)).status())
                    .isEqualTo(201);
        }
        var first = http.get("/v1/stores?limit=2").json();
        assertThat(first.get("has_more").asBoolean()).isTrue();
        assertThat(names(first)).containsExactly("Store 4", "Store 3");
        String last = first.get("data").get(1).get("id").asString();
        var second = http.get("/v1/stores?limit=2&starting_after=" + last).json();
        assertThat(names(second)).containsExactly("Store 2", "Store 1");
        var third = http.get("/v1/stores?limit=2&starting_after="
                        + second.get("data").get(1).get("id").asString())
                .json();
        assertThat(names(third)).containsExactly("Store 0");
        assertThat(third.get("has_more").asBoolean()).isFalse();
        assertThat(http.get("/v1/stores?limit=0").status()).isEqualTo(400);
        assertThat(http.get("/v1/stores?limit=101").status()).isEqualTo(400);
    }

    @Test
    void deploysADefinitionUpgradesItRollsItsKeyAndPausesIt() {
        var org = fixtures.organization(Tier.PRO);
        Http http = Http.on(port).bearer(org.liveKey());
        String v1 = api.definition().id().toString();
        String store =
                http.post("/v1/stores", Map.of("name", "Shop")).json().get("id").asString();

        var definitions = http.get("/v1/agent-definitions?limit=100").json();
        assertThat(definitions.get("data").findValuesAsString("id")).contains(v1);

        var deployed = http.post(
                "/v1/agent-instances",
                Map.of(
                        "store_id",
                        store,
                        "agent_definition_id",
                        v1,
                        "name",
                        "Helper",
                        "config",
                        Map.of("greeting", "Hey")));
        assertThat(deployed.status()).as(deployed.toString()).isEqualTo(201);
        String instance = deployed.json().get("id").asString();
        String key = deployed.json().get("public_key").asString();
        assertThat(key).startsWith("pk_widget_");
        assertThat(deployed.json().get("config").get("greeting").asString()).isEqualTo("Hey");

        // A newer version of the same type, published by the operator.
        String version = "1." + (System.nanoTime() % 100000) + ".0";
        var published = Http.on(port)
                .bearer(operatorToken())
                .post(
                        "/platform/v1/agent-definitions",
                        Map.of(
                                "type",
                                "customer_service",
                                "version",
                                version,
                                "name",
                                "Customer service",
                                "system_prompt",
                                "Be kind.",
                                "tools",
                                List.of("search_knowledge"),
                                "default_config",
                                Map.of("greeting", "Hello")));
        assertThat(published.status()).as(published.toString()).isEqualTo(201);
        String v2 = published.json().get("id").asString();

        // Running conversations keep working across the upgrade.
        String conversation = http.post("/v1/conversations", Map.of("agent_instance_id", instance))
                .json()
                .get("id")
                .asString();
        String messages = "/v1/conversations/" + conversation + "/messages";
        Map<String, String> hello = Map.of("role", "customer", "content", "Hello");
        assertThat(http.post(messages, hello).json().get("reply").get("content").asString())
                .as("v1 has lookup_order")
                .contains("about an order");
        var upgraded = http.patch("/v1/agent-instances/" + instance, Map.of("agent_definition_id", v2));
        assertThat(upgraded.json().get("agent_definition_id").asString()).isEqualTo(v2);
        assertThat(http.get("/v1/conversations/" + conversation).status()).isEqualTo(200);
        assertThat(http.post(messages, hello).json().get("reply").get("content").asString())
                .as("the running conversation goes on, answered by v2 (search_knowledge only) from its next message")
                .startsWith("Hello!")
                .doesNotContain("about an order");
        assertThat(http.post("/v1/conversations/" + conversation + "/handoff", null)
                        .status())
                .isEqualTo(200);
        var rolledBack = http.patch("/v1/agent-instances/" + instance, Map.of("agent_definition_id", v1));
        assertThat(rolledBack.json().get("agent_definition_id").asString()).isEqualTo(v1);

        var rolled = http.post("/v1/agent-instances/" + instance + "/roll-key", null);
        assertThat(rolled.status()).isEqualTo(200);
        String newKey = rolled.json().get("public_key").asString();
        assertThat(newKey).startsWith("pk_widget_").isNotEqualTo(key);
        assertThat(Http.on(port)
                        .header("X-Widget-Key", key)
                        .get("/widget/v1/config")
                        .status())
                .isEqualTo(401);

        var paused = http.patch("/v1/agent-instances/" + instance, Map.of("status", "paused"));
        assertThat(paused.json().get("status").asString()).isEqualTo("paused");
        var refused = http.post("/v1/conversations", Map.of("agent_instance_id", instance));
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json().get("code").asString()).isEqualTo("agent_instance_paused");

        var list = http.get("/v1/agent-instances?store_id=" + store).json();
        assertThat(list.get("data").findValuesAsString("id")).containsExactly(instance);
    }

    @Test
    void publishingAPublishedVersionAgainConflicts() {
        api.definition();
        var again = Http.on(port)
                .bearer(operatorToken())
                .post(
                        "/platform/v1/agent-definitions",
                        Map.of(
                                "type", "customer_service",
                                "version", "1.0.0",
                                "name", "Customer service",
                                "system_prompt", "Other prompt",
                                "tools", List.of()));
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().get("code").asString()).isEqualTo("agent_definition_exists");
    }

    @Test
    void startsListsHandsOffAndResolvesConversations() {
        var org = fixtures.organization(Tier.PRO);
        var deployed = api.deploy(org);
        Http http = Http.on(port).bearer(org.liveKey());
        String instance = deployed.instance().id().toString();

        var started = http.post(
                "/v1/conversations",
                Map.of("agent_instance_id", instance, "customer_name", "Ada", "customer_email", "ada@example.com"));
        assertThat(started.status()).as(started.toString()).isEqualTo(201);
        JsonNode conversation = started.json();
        assertThat(conversation.get("object").asString()).isEqualTo("conversation");
        assertThat(conversation.get("store_id").asString())
                .isEqualTo(deployed.store().id().toString());
        assertThat(conversation.get("status").asString()).isEqualTo("open");
        assertThat(conversation.get("livemode").asBoolean()).isTrue();
        String id = conversation.get("id").asString();

        var read = http.get("/v1/conversations/" + id).json();
        assertThat(read.get("messages").isArray()).isTrue();

        var handedOff = http.post("/v1/conversations/" + id + "/handoff", null).json();
        assertThat(handedOff.get("status").asString()).isEqualTo("handed_off");
        assertThat(handedOff.get("owner").asString()).isEqualTo("human");
        var resolved = http.post("/v1/conversations/" + id + "/resolve", null).json();
        assertThat(resolved.get("status").asString()).isEqualTo("resolved");
        assertThat(http.post("/v1/conversations/" + id + "/handoff", null).status())
                .isEqualTo(409);

        String other = http.post("/v1/conversations", Map.of("agent_instance_id", instance))
                .json()
                .get("id")
                .asString();
        assertThat(ids(http.get("/v1/conversations?status=resolved"))).containsExactly(id);
        assertThat(ids(http.get("/v1/conversations?agent_instance_id=" + instance)))
                .containsExactly(other, id);
        assertThat(ids(http.get("/v1/conversations?created%5Bgte%5D=2100-01-01T00:00:00Z")))
                .isEmpty();
        assertThat(ids(http.get("/v1/conversations?created%5Blt%5D=2100-01-01T00:00:00Z")))
                .containsExactly(other, id);
        assertThat(http.get("/v1/conversations?status=closed").status()).isEqualTo(400);
        for (String outOfRange : List.of("%2B10000-01-01T00:00:00Z", "-0001-01-01T00:00:00Z")) {
            var refused = http.get("/v1/conversations?created%5Bgte%5D=" + outOfRange);
            assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
            assertThat(refused.json().get("errors").has("created[gte]")).isTrue();
        }
    }

    @Test
    void testModeConversationsAreInvisibleToLiveKeysAndTheReverse() {
        var org = fixtures.organization(Tier.PRO);
        var deployed = api.deploy(org);
        Http live = Http.on(port).bearer(org.liveKey());
        Http test = Http.on(port).bearer(org.testKey());
        String instance = deployed.instance().id().toString();

        var testConversation = test.post("/v1/conversations", Map.of("agent_instance_id", instance));
        assertThat(testConversation.status()).isEqualTo(201);
        assertThat(testConversation.json().get("livemode").asBoolean()).isFalse();
        String testId = testConversation.json().get("id").asString();
        String liveId = live.post("/v1/conversations", Map.of("agent_instance_id", instance))
                .json()
                .get("id")
                .asString();

        assertThat(live.get("/v1/conversations/" + testId).status()).isEqualTo(404);
        assertThat(test.get("/v1/conversations/" + liveId).status()).isEqualTo(404);
        assertThat(live.post("/v1/conversations/" + testId + "/resolve", null).status())
                .isEqualTo(404);
        assertThat(ids(live.get("/v1/conversations"))).containsExactly(liveId);
        assertThat(ids(test.get("/v1/conversations"))).containsExactly(testId);
    }

    @Autowired
    io.supportagent.platform.OperatorToken operator;

    private String operatorToken() {
        return operator.reveal();
    }

    static List<String> names(JsonNode list) {
        return list.get("data").findValuesAsString("name");
    }

    static List<String> ids(Http.Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json().get("data").findValuesAsString("id");
    }
}
