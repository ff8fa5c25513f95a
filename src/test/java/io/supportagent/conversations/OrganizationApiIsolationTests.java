package io.supportagent.conversations;

import static org.assertj.core.api.Assertions.assertThat;

import io.supportagent.support.ApiFixtures;
import io.supportagent.support.Fixtures;
import io.supportagent.support.Http;
import io.supportagent.support.IntegrationTest;
import io.supportagent.tenancy.Tier;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Two organizations across every endpoint of the organization API: B's ids answer 404 to A on every read, change and
 * action; A's lists and counts never include B's objects, and B's ids as a list's cursor reveal nothing; and B's
 * objects are unchanged afterwards.
 */
@IntegrationTest
@Import({Fixtures.class, ApiFixtures.class})
class OrganizationApiIsolationTests {

    @LocalServerPort
    int port;

    @Autowired
    Fixtures fixtures;

    @Autowired
    ApiFixtures api;

    @Autowired
    io.supportagent.platform.db.PlatformJdbc platform;

    Fixtures.Org a;
    Fixtures.Org b;
    ApiFixtures.Deployed aDeployed;
    ApiFixtures.Deployed bDeployed;
    String bConversation;
    String aConversation;
    Http asA;

    @BeforeEach
    void twoOrganizations() {
        a = fixtures.organization(Tier.ENTERPRISE);
        b = fixtures.organization(Tier.ENTERPRISE);
        aDeployed = api.deploy(a);
        bDeployed = api.deploy(b);
        asA = Http.on(port).bearer(a.liveKey());
        Http asB = Http.on(port).bearer(b.liveKey());
        aConversation = asA.post(
                        "/v1/conversations",
                        Map.of("agent_instance_id", aDeployed.instance().id().toString()))
                .json()
                .get("id")
                .asString();
        bConversation = asB.post(
                        "/v1/conversations",
                        Map.of("agent_instance_id", bDeployed.instance().id().toString()))
                .json()
                .get("id")
                .asString();
    }

    @Test
    void foreignStoresAnswerNotFoundToEveryMethod() {
        String store = bDeployed.store().id().toString();
        assertNotFound(asA.get("/v1/stores/" + store));
        assertNotFound(asA.patch("/v1/stores/" + store, Map.of("name", "Hijacked")));
        assertNotFound(asA.delete("/v1/stores/" + store));
        assertThat(storeName(store)).isEqualTo("Store");
    }

    @Test
    void foreignStoresCannotReceiveAgentInstances() {
        var response = asA.post(
                "/v1/agent-instances",
                Map.of(
                        "store_id", bDeployed.store().id().toString(),
                        "agent_definition_id", api.definition().id().toString(),
                        "name", "Sneaky"));
        assertNotFound(response);
        assertThat(count("agent_instances", b)).isEqualTo(1);
    }

    @Test
    void foreignAgentInstancesAnswerNotFoundToEveryMethod() {
        String instance = bDeployed.instance().id().toString();
        String keyBefore = bDeployed.instance().publicKey();
        assertNotFound(asA.get("/v1/agent-instances/" + instance));
        assertNotFound(asA.patch("/v1/agent-instances/" + instance, Map.of("status", "paused")));
        assertNotFound(asA.post("/v1/agent-instances/" + instance + "/roll-key", null));
        assertNotFound(asA.post("/v1/conversations", Map.of("agent_instance_id", instance)));
        var row = platform.jdbc()
                .sql("SELECT status, public_key FROM agent_instances WHERE id = :id")
                .param("id", bDeployed.instance().id().value())
                .query()
                .singleRow();
        assertThat(row.get("status")).isEqualTo("active");
        assertThat(row.get("public_key")).isEqualTo(keyBefore);
    }

    @Test
    void foreignConversationsAnswerNotFoundToEveryMethod() {
        assertNotFound(asA.get("/v1/conversations/" + bConversation));
        assertNotFound(asA.post("/v1/conversations/" + bConversation + "/handoff", null));
        assertNotFound(asA.post("/v1/conversations/" + bConversation + "/resolve", null));
        String status = platform.jdbc()
                .sql("SELECT status FROM conversations WHERE id = CAST(:id AS uuid)")
                .param("id", bConversation)
                .query(String.class)
                .single();
        assertThat(status).isEqualTo("open");
    }

    /** Each organization's webhook endpoint, October invoice and October usage; answers their ids, A's first. */
    record Billed(String aEndpoint, String bEndpoint, String aInvoice, String bInvoice) {}

    Billed billedInOctober() {
        // Closed months are written by billing runs as the platform role; here directly, with the real clock.
        insertUsage(a, 3);
        insertUsage(b, 7);
        return new Billed(
                endpoint(asA), endpoint(Http.on(port).bearer(b.liveKey())), insertInvoice(a, 3), insertInvoice(b, 7));
    }

    @Test
    void listsNeverIncludeForeignObjects() {
        Billed billed = billedInOctober();
        assertThat(OrganizationApiTests.ids(asA.get("/v1/webhook-endpoints"))).containsExactly(billed.aEndpoint());
        assertThat(OrganizationApiTests.ids(asA.get("/v1/invoices"))).containsExactly(billed.aInvoice());
        var history = asA.get("/v1/usage/history");
        assertThat(history.json().get("data").findValuesAsString("period")).containsExactly("2026-10");
        assertThat(history.json().get("data").get(0).get("conversations").asInt())
                .isEqualTo(3);
        assertThat(OrganizationApiTests.ids(asA.get("/v1/stores")))
                .containsExactly(aDeployed.store().id().toString());
        assertThat(OrganizationApiTests.ids(asA.get("/v1/agent-instances")))
                .containsExactly(aDeployed.instance().id().toString());
        assertThat(OrganizationApiTests.ids(asA.get("/v1/conversations"))).containsExactly(aConversation);
        // Filtering by a foreign id finds nothing, exactly like an unknown id.
        assertThat(OrganizationApiTests.ids(asA.get(
                        "/v1/agent-instances?store_id=" + bDeployed.store().id())))
                .isEmpty();
        assertThat(OrganizationApiTests.ids(asA.get(
                        "/v1/conversations?store_id=" + bDeployed.store().id())))
                .isEmpty();
        assertThat(OrganizationApiTests.ids(asA.get("/v1/conversations?agent_instance_id="
                        + bDeployed.instance().id())))
                .isEmpty();
    }

    @Test
    void aForeignCursorRevealsNothing() {
        // Has_more and the page are computed from the caller's rows only; a foreign cursor acts like an unknown one.
        var withForeignCursor = asA.get("/v1/conversations?limit=1&starting_after=" + bConversation);
        assertThat(withForeignCursor.status()).isEqualTo(200);
        assertThat(withForeignCursor.json().get("data").size()).isZero();
        assertThat(withForeignCursor.json().get("has_more").asBoolean()).isFalse();
        var storesPage = asA.get("/v1/stores?limit=1");
        assertThat(storesPage.json().get("has_more").asBoolean()).isFalse();
        var instancesPage = asA.get("/v1/agent-instances?limit=1");
        assertThat(instancesPage.json().get("has_more").asBoolean()).isFalse();
        var conversationsPage = asA.get("/v1/conversations?limit=1");
        assertThat(conversationsPage.json().get("has_more").asBoolean()).isFalse();
        var storeCursor =
                asA.get("/v1/stores?starting_after=" + bDeployed.store().id());
        assertThat(storeCursor.json().get("data").size()).isZero();

        Billed billed = billedInOctober();
        for (String foreign : List.of(
                "/v1/webhook-endpoints?limit=1&starting_after=" + billed.bEndpoint(),
                "/v1/invoices?limit=1&starting_after=" + billed.bInvoice())) {
            var page = asA.get(foreign);
            assertThat(page.status()).as(foreign).isEqualTo(200);
            assertThat(page.json().get("data").size()).as(foreign).isZero();
            assertThat(page.json().get("has_more").asBoolean()).as(foreign).isFalse();
        }
        for (String list : List.of("/v1/webhook-endpoints", "/v1/invoices", "/v1/usage/history")) {
            var page = asA.get(list + "?limit=1");
            assertThat(page.json().get("data").size()).as(list).isEqualTo(1);
            assertThat(page.json().get("has_more").asBoolean()).as(list).isFalse();
        }
    }

    @Test
    void theOrganizationsLimitsCountOnlyItsOwnObjects() {
        var basic = fixtures.organization(Tier.BASIC);
        Http asBasic = Http.on(port).bearer(basic.liveKey());
        // Other organizations hold many stores; the basic one may still create its single store.
        assertThat(asBasic.post("/v1/stores", Map.of("name", "Mine")).status()).isEqualTo(201);
    }

    private String endpoint(Http api) {
        var created = api.post("/v1/webhook-endpoints", Map.of("url", "https://93.184.216.34/hooks"));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().get("id").asString();
    }

    private void insertUsage(Fixtures.Org org, int conversations) {
        platform.jdbc()
                .sql("INSERT INTO conversation_usage (organization_id, period_start, conversations)"
                        + " VALUES (:org, DATE '2026-10-01', :conversations)")
                .param("org", org.organization().id().value())
                .param("conversations", conversations)
                .update();
    }

    private String insertInvoice(Fixtures.Org org, int conversations) {
        return platform.jdbc()
                .sql("""
                        WITH numbered AS (
                            INSERT INTO invoice_numbers AS n (organization_id, last_number) VALUES (:org, 1)
                            ON CONFLICT (organization_id) DO UPDATE SET last_number = n.last_number + 1
                            RETURNING last_number)
                        INSERT INTO invoices (organization_id, period, period_start, period_end, billing_timezone, tier,
                                              currency, conversations, included_conversations, overage_conversations,
                                              total_cents, finalized_at, sequence_number, number)
                        SELECT :org, '2026-10', TIMESTAMPTZ '2026-10-01 00:00Z', TIMESTAMPTZ '2026-11-01 00:00Z', 'UTC',
                               'enterprise', 'usd', :conversations, 100000, 0, 99900, TIMESTAMPTZ '2026-11-01 01:00Z',
                               last_number, 'TEST-' || last_number
                          FROM numbered
                        RETURNING CAST(id AS text)""")
                .param("org", org.organization().id().value())
                .param("conversations", conversations)
                .query(String.class)
                .single();
    }

    private void assertNotFound(Http.Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(404);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().get("code").asString()).isEqualTo("not_found");
    }

    private String storeName(String id) {
        return platform.jdbc()
                .sql("SELECT name FROM stores WHERE id = CAST(:id AS uuid)")
                .param("id", id)
                .query(String.class)
                .single();
    }

    private int count(String table, Fixtures.Org org) {
        JdbcClient jdbc = platform.jdbc();
        return jdbc.sql("SELECT count(*) FROM " + table + " WHERE organization_id = :org")
                .param("org", org.organization().id().value())
                .query(Integer.class)
                .single();
    }
}
