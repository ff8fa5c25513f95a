package io.supportagent.members;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.supportagent.platform.OperatorToken;
import io.supportagent.support.ApiFixtures;
import io.supportagent.support.DashboardTest;
import io.supportagent.support.Fixtures;
import io.supportagent.support.Http;
import io.supportagent.support.Pages;
import io.supportagent.tenancy.Tier;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * The modules that own an action record it in the audit log, with who did it: API keys, agent instances, articles,
 * tier changes. {@code GET /v1/audit-events} lists them newest first, cursor-paged and filtered; a test key sees only
 * test-mode events; the request role can add events but never change or delete one.
 */
@DashboardTest
class AuditTrailTests {

    @LocalServerPort
    int port;

    @Autowired
    Fixtures fixtures;

    @Autowired
    ApiFixtures api;

    @Autowired
    OperatorToken operatorToken;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PlatformTransactionManager transactions;

    @Test
    void keyChangesAreRecordedWithTheKeyThatMadeThem() {
        var org = fixtures.organization(Tier.PRO);
        Http live = Http.on(port).bearer(org.liveKey());
        String created = live.post("/v1/api-keys", Map.of("name", "Deploy bot"))
                .json()
                .get("id")
                .asString();
        live.post("/v1/api-keys/" + created + "/roll", Map.of("expires_in_seconds", 60));
        live.delete("/v1/api-keys/" + created);

        List<JsonNode> events = Pages.walk(live, "/v1/audit-events?resource_type=api_key", 2, "id");

        assertThat(Pages.values(events, "action"))
                .startsWith("api_key.revoked", "api_key.rolled", "api_key.created")
                .contains("api_key.created");
        JsonNode creation = events.get(2);
        assertThat(creation.get("summary").asString()).contains("Deploy bot");
        assertThat(creation.get("actor").get("type").asString()).isEqualTo("api_key");
        assertThat(creation.get("livemode").asBoolean()).isTrue();
        assertThat(creation.get("resource_id").asString()).isEqualTo(created);
        assertThat(creation.get("client_address").asString()).isEqualTo("127.0.0.1");
        assertThat(events.get(1).get("details").get("new_key_id").asString()).isNotBlank();
    }

    @Test
    void agentInstancesArticlesAndTierChangesAreRecorded() {
        var org = fixtures.organization(Tier.BASIC);
        var deployed = api.deploy(org);
        Http live = Http.on(port).bearer(org.liveKey());
        live.patch("/v1/agent-instances/" + deployed.instance().id(), Map.of("status", "paused"));
        live.post(
                "/v1/stores/" + deployed.store().id() + "/articles",
                Map.of("title", "Gift wrapping", "body", "We wrap gifts for free."));
        var patched = Http.on(port)
                .bearer(operatorToken.reveal())
                .patch("/platform/v1/organizations/" + org.organization().id(), Map.of("tier", "pro"));
        assertThat(patched.status()).isEqualTo(200);

        List<JsonNode> events = Pages.walk(live, "/v1/audit-events", 100, "id");

        assertThat(Pages.values(events, "action"))
                .containsSubsequence(
                        "organization.tier_changed",
                        "article.created",
                        "agent_instance.updated",
                        "agent_instance.deployed");
        JsonNode tier = events.stream()
                .filter(e -> e.get("action").asString().equals("organization.tier_changed"))
                .findFirst()
                .orElseThrow();
        assertThat(tier.get("actor").get("type").asString()).isEqualTo("operator");
        assertThat(tier.get("details").get("tier").get("to").asString()).isEqualTo("pro");
        JsonNode pause = events.stream()
                .filter(e -> e.get("action").asString().equals("agent_instance.updated"))
                .findFirst()
                .orElseThrow();
        assertThat(pause.get("summary").asString()).contains("paused it");
        assertThat(pause.get("details").get("status").get("to").asString()).isEqualTo("paused");
    }

    @Test
    void storesCreatedChangedAndDeletedAreRecordedWithTheAllowedWebsitesBeforeAndAfter() {
        var org = fixtures.organization(Tier.PRO);
        Http live = Http.on(port).bearer(org.liveKey());
        var created = live.post(
                "/v1/stores",
                Map.of("name", "Harbor Books", "allowed_origins", List.of("https://harborbooks.example")));
        String store = "/v1/stores/" + created.json().get("id").asString();
        live.patch(store, Map.of("allowed_origins", List.of("https://harborbooks.example", "https://evil.example")));
        live.patch(store, Map.of("name", "Harbor Books"));
        live.delete(store);

        List<JsonNode> events = Pages.walk(live, "/v1/audit-events?resource_type=store", 100, "id");

        assertThat(Pages.values(events, "action"))
                .as("a change that changes nothing is not recorded")
                .containsExactly("store.deleted", "store.updated", "store.created");
        JsonNode websites = events.get(1);
        assertThat(websites.get("summary").asString()).isEqualTo("Changed the store Harbor Books: allowed origins");
        assertThat(websites.get("details").get("allowed_origins").get("to").toString())
                .contains("https://evil.example");
        assertThat(websites.get("details").get("allowed_origins").get("from").toString())
                .doesNotContain("evil");
        assertThat(websites.get("actor").get("type").asString()).isEqualTo("api_key");
        assertThat(Pages.walk(live, "/v1/audit-events?action=store.", 100, "id"))
                .hasSize(3);
    }

    @Test
    void filtersAndTheTestModeViewNarrowTheList() {
        var org = fixtures.organization(Tier.PRO);
        Http live = Http.on(port).bearer(org.liveKey());
        Http test = Http.on(port).bearer(org.testKey());
        test.post("/v1/api-keys", Map.of("name", "Sandbox key"));
        live.post("/v1/api-keys", Map.of("name", "Production key"));

        List<JsonNode> all = Pages.walk(live, "/v1/audit-events?action=api_key.", 100, "id");
        List<JsonNode> seenByTest = Pages.walk(test, "/v1/audit-events", 100, "id");
        List<JsonNode> byKeys = Pages.walk(live, "/v1/audit-events?actor_type=api_key", 100, "id");

        assertThat(all)
                .extracting(e -> e.get("summary").asString())
                .anyMatch(s -> s.contains("Sandbox key"))
                .anyMatch(s -> s.contains("Production key"));
        assertThat(seenByTest)
                .isNotEmpty()
                .allSatisfy(e -> assertThat(e.get("livemode").asBoolean()).isFalse());
        assertThat(seenByTest)
                .extracting(e -> e.get("summary").asString())
                .noneMatch(s -> s.contains("Production key"));
        assertThat(byKeys)
                .hasSize(2)
                .allSatisfy(
                        e -> assertThat(e.get("actor").get("type").asString()).isEqualTo("api_key"));
        assertThat(live.get("/v1/audit-events?created_gte=yesterday").status()).isEqualTo(400);
        assertThat(live.get("/v1/audit-events?limit=0").status()).isEqualTo(400);
        assertThat(live.get("/v1/audit-events?starting_after=nope").status()).isEqualTo(400);
        assertThat(Http.on(port).get("/v1/audit-events").status()).isEqualTo(401);
    }

    @Test
    void theRequestRoleCanNeitherChangeNorDeleteEventsNorSeeAnotherOrganizations() {
        var a = fixtures.organization(Tier.BASIC);
        var b = fixtures.organization(Tier.BASIC);
        Http.on(port).bearer(b.liveKey()).post("/v1/api-keys", Map.of("name", "B key"));
        TransactionTemplate tx = new TransactionTemplate(transactions);

        int visible = io.supportagent.platform.TenantContext.callAs(
                a.live(),
                () -> tx.execute(s -> jdbc.sql("SELECT count(*) FROM audit_events WHERE organization_id <> :a")
                        .param("a", a.organization().id().value())
                        .query(Integer.class)
                        .single()));
        int withoutTenant = tx.execute(s -> jdbc.sql("SELECT count(*) FROM audit_events")
                .query(Integer.class)
                .single());

        assertThat(visible).isZero();
        assertThat(withoutTenant).isZero();
        assertThatThrownBy(() -> io.supportagent.platform.TenantContext.runAs(
                        b.live(),
                        () -> tx.execute(s -> jdbc.sql("UPDATE audit_events SET summary = 'nothing happened'")
                                .update())))
                .rootCause()
                .hasMessageContaining("permission denied");
        assertThatThrownBy(() -> io.supportagent.platform.TenantContext.runAs(
                        b.live(),
                        () -> tx.execute(
                                s -> jdbc.sql("DELETE FROM audit_events").update())))
                .rootCause()
                .hasMessageContaining("permission denied");
    }
}
