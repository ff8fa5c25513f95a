package io.supportagent.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.supportagent.platform.OperatorToken;
import io.supportagent.platform.TenantContext;
import io.supportagent.platform.db.PlatformJdbc;
import io.supportagent.support.Fixtures;
import io.supportagent.support.Http;
import io.supportagent.support.MeteringIntegrationTest;
import io.supportagent.support.Storefront;
import io.supportagent.support.TestClock;
import io.supportagent.tenancy.TenancyService;
import io.supportagent.tenancy.Tier;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * The usage ledger ({@code GET /v1/usage/events}) over real HTTP: one event per counted conversation, whose totals
 * are the usage figure and the invoice's quantity, pages and CSV, isolation between tenants, and no way to change an
 * event once written.
 */
@MeteringIntegrationTest
class UsageEventControllerTests {

    static final Instant MARCH = Instant.parse("2029-03-10T10:00:00Z");
    static final Instant APRIL = Instant.parse("2029-04-02T10:00:00Z");

    @LocalServerPort
    int port;

    @Autowired
    Fixtures fixtures;

    @Autowired
    Storefront storefront;

    @Autowired
    TestClock clock;

    @Autowired
    TenancyService tenancy;

    @Autowired
    OperatorToken operatorToken;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PlatformJdbc platform;

    @Autowired
    PlatformTransactionManager transactions;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    Http api(Fixtures.Org org) {
        return Http.on(port).bearer(org.liveKey());
    }

    /** Every event of the ledger, following the cursor to the end. */
    List<JsonNode> allEvents(Http api, String query) {
        List<JsonNode> events = new ArrayList<>();
        String after = null;
        while (true) {
            var page =
                    api.get("/v1/usage/events?limit=100" + query + (after == null ? "" : "&starting_after=" + after));
            assertThat(page.status()).as(page.toString()).isEqualTo(200);
            page.json().get("data").forEach(events::add);
            if (!page.json().get("has_more").asBoolean()) {
                return events;
            }
            after = events.getLast().get("id").asString();
        }
    }

    @Test
    void listsOneEventPerCountedConversation() {
        var shop = storefront.open(fixtures.organization(Tier.PRO));
        clock.moveTo(MARCH);
        for (int i = 0; i < 3; i++) {
            storefront.start(shop, shop.org().live());
        }
        storefront.start(shop, shop.org().test()); // test mode counts nothing

        var page = api(shop.org()).get("/v1/usage/events");

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.json().get("object").asString()).isEqualTo("list");
        assertThat(page.json().get("url").asString()).isEqualTo("/v1/usage/events");
        JsonNode data = page.json().get("data");
        assertThat(data).hasSize(3);
        Set<String> conversations = new HashSet<>();
        for (JsonNode event : data) {
            assertThat(event.get("object").asString()).isEqualTo("usage_event");
            assertThat(event.get("store_id").asString()).isEqualTo(shop.store().toString());
            assertThat(event.get("agent_instance_id").asString())
                    .isEqualTo(shop.instance().toString());
            assertThat(event.get("period").asString()).isEqualTo("2029-03");
            assertThat(Instant.parse(event.get("counted_at").asString())).isBetween(MARCH, MARCH.plusSeconds(600));
            conversations.add(event.get("conversation_id").asString());
        }
        assertThat(conversations).hasSize(3);
        // each event names a live conversation of the organization
        for (String conversation : conversations) {
            var read = api(shop.org()).get("/v1/conversations/" + conversation);
            assertThat(read.status()).isEqualTo(200);
            assertThat(read.json().get("livemode").asBoolean()).isTrue();
        }
        assertThat(Http.on(port)
                        .bearer(shop.org().testKey())
                        .get("/v1/usage/events")
                        .json()
                        .get("data"))
                .as("a test key: test mode counts nothing")
                .isEmpty();
    }

    @Test
    void itsTotalsAreTheUsageFigureAndTheInvoiceQuantity() {
        var shop = storefront.open(fixtures.organization(Tier.BASIC));
        clock.moveTo(MARCH);
        for (int i = 0; i < 4; i++) {
            storefront.start(shop, shop.org().live());
        }
        int usageInMarch =
                api(shop.org()).get("/v1/usage").json().get("conversations").asInt();
        clock.moveTo(APRIL);
        storefront.start(shop, shop.org().live());
        Http.on(port).bearer(operatorToken.reveal()).post("/platform/v1/billing-runs", Map.of("period", "2029-03"));

        var invoice = api(shop.org()).get("/v1/invoices/2029-03").json();

        assertThat(allEvents(api(shop.org()), "&period=2029-03")).hasSize(4).hasSize(usageInMarch);
        assertThat(invoice.get("conversations").asInt()).isEqualTo(4);
        assertThat(allEvents(api(shop.org()), "&period=2029-04")).hasSize(1);
        assertThat(allEvents(api(shop.org()), "")).hasSize(5);
        assertThat(api(shop.org()).get("/v1/usage").json().get("conversations").asInt())
                .isEqualTo(1);
    }

    @Test
    void pagesNewestFirstWithACursor() {
        var shop = storefront.open(fixtures.organization(Tier.PRO));
        clock.moveTo(MARCH);
        for (int i = 0; i < 5; i++) {
            storefront.start(shop, shop.org().live());
        }

        var first = api(shop.org()).get("/v1/usage/events?limit=2").json();
        String cursor = first.get("data").get(1).get("id").asString();
        var second = api(shop.org())
                .get("/v1/usage/events?limit=2&starting_after=" + cursor)
                .json();
        var all = allEvents(api(shop.org()), "");

        assertThat(first.get("has_more").asBoolean()).isTrue();
        assertThat(second.get("data").get(0).get("id").asString())
                .isEqualTo(all.get(2).get("id").asString());
        List<Instant> counted = all.stream()
                .map(e -> Instant.parse(e.get("counted_at").asString()))
                .toList();
        assertThat(counted).isSortedAccordingTo(java.util.Comparator.reverseOrder());
    }

    @Test
    void exportsAPeriodAsCsv() {
        var shop = storefront.open(fixtures.organization(Tier.PRO));
        clock.moveTo(MARCH);
        for (int i = 0; i < 3; i++) {
            storefront.start(shop, shop.org().live());
        }

        var csv = api(shop.org()).header("Accept", "text/csv").get("/v1/usage/events?period=2029-03");
        var none = api(shop.org()).header("Accept", "text/csv").get("/v1/usage/events?period=2029-02");
        var withoutPeriod = api(shop.org()).header("Accept", "text/csv").get("/v1/usage/events");

        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.contentType()).startsWith("text/csv");
        assertThat(csv.header("Content-Disposition")).contains("usage-events-2029-03.csv");
        String[] rows = csv.body().split("\r\n");
        assertThat(rows[0]).isEqualTo("id,conversation_id,store_id,agent_instance_id,period,counted_at");
        assertThat(rows).hasSize(4);
        List<String> ids = allEvents(api(shop.org()), "&period=2029-03").stream()
                .map(e -> e.get("id").asString())
                .toList();
        for (int i = 1; i < rows.length; i++) {
            String[] fields = rows[i].split(",");
            assertThat(fields).hasSize(6);
            assertThat(ids).contains(fields[0]);
            assertThat(fields[2]).isEqualTo(shop.store().toString());
            assertThat(fields[4]).isEqualTo("2029-03");
        }
        assertThat(none.body()).isEqualTo("id,conversation_id,store_id,agent_instance_id,period,counted_at\r\n");
        assertThat(withoutPeriod.status()).isEqualTo(400);
        assertThat(withoutPeriod.json().get("code").asString()).isEqualTo("validation_failed");
    }

    @Test
    void keepsTheEventsOfADeletedStore() {
        var shop = storefront.open(fixtures.organization(Tier.PRO));
        clock.moveTo(MARCH);
        storefront.start(shop, shop.org().live());
        storefront.start(shop, shop.org().live());

        assertThat(api(shop.org()).delete("/v1/stores/" + shop.store()).status())
                .isEqualTo(200);

        assertThat(allEvents(api(shop.org()), "&period=2029-03")).hasSize(2);
        assertThat(api(shop.org()).get("/v1/usage").json().get("conversations").asInt())
                .isEqualTo(2);
    }

    @Test
    void refusesBadParameters() {
        var org = fixtures.organization(Tier.BASIC);
        for (String query : List.of("period=March", "period=2029-13", "limit=0", "limit=101", "starting_after=abc")) {
            var answer = api(org).get("/v1/usage/events?" + query);
            assertThat(answer.status()).as(query).isEqualTo(400);
            assertThat(answer.json().get("code").asString()).as(query).isEqualTo("validation_failed");
        }
    }

    @Test
    void anotherOrganizationCannotReadListOrPageThroughTheLedger() {
        var a = storefront.open(fixtures.organization(Tier.PRO));
        var b = storefront.open(fixtures.organization(Tier.PRO));
        clock.moveTo(MARCH);
        storefront.start(a, a.org().live());
        storefront.start(a, a.org().live());
        storefront.start(b, b.org().live());
        String aEvent = allEvents(api(a.org()), "").getFirst().get("id").asString();

        List<JsonNode> seenByB = allEvents(api(b.org()), "");
        var pagedWithAsCursor = api(b.org()).get("/v1/usage/events?starting_after=" + aEvent);
        var csvOfB = api(b.org()).header("Accept", "text/csv").get("/v1/usage/events?period=2029-03");

        assertThat(seenByB).hasSize(1);
        assertThat(seenByB.getFirst().get("store_id").asString())
                .isEqualTo(b.store().toString());
        assertThat(pagedWithAsCursor.status()).isEqualTo(200);
        assertThat(pagedWithAsCursor.json().get("data"))
                .as("a foreign cursor gives an empty page")
                .isEmpty();
        assertThat(csvOfB.body())
                .doesNotContain(a.store().toString())
                .contains(b.store().toString());
        assertThat(allEvents(api(a.org()), "")).hasSize(2);
    }

    /** An auditable ledger: neither the request role nor the platform role may change or delete an event. */
    @Test
    void eventsCannotBeChangedOrDeleted() {
        var shop = storefront.open(fixtures.organization(Tier.PRO));
        clock.moveTo(MARCH);
        storefront.start(shop, shop.org().live());

        TransactionTemplate tx = new TransactionTemplate(transactions);
        for (String statement : List.of(
                "UPDATE usage_events SET counted_at = now()",
                "DELETE FROM usage_events",
                "UPDATE usage_events SET period_start = DATE '2000-01-01'")) {
            assertThatThrownBy(() -> TenantContext.runAs(
                            shop.org().live(),
                            () -> tx.executeWithoutResult(
                                    s -> jdbc.sql(statement).update())))
                    .as(statement)
                    .isInstanceOf(DataAccessException.class)
                    .rootCause()
                    .hasMessageContaining("permission denied");
            assertThatThrownBy(() -> platform.jdbc().sql(statement).update())
                    .as("platform role: " + statement)
                    .rootCause()
                    .hasMessageContaining("permission denied");
        }
        assertThat(allEvents(api(shop.org()), "")).hasSize(1);
    }

    /** 500 conversations started at once: the ledger, the usage figure and the count agree exactly. */
    @Test
    void itsTotalsHoldUnderConcurrentStarts() throws Exception {
        var shop = storefront.open(fixtures.organization(Tier.ENTERPRISE));
        clock.moveTo(MARCH);

        var outcome = storefront.startConcurrently(shop, shop.org().live(), 500, 16);

        assertThat(outcome.failures()).isEmpty();
        assertThat(outcome.started()).isEqualTo(500);
        List<JsonNode> events = allEvents(api(shop.org()), "&period=2029-03");
        assertThat(events).hasSize(500);
        assertThat(events.stream().map(e -> e.get("conversation_id").asString()).distinct())
                .hasSize(500);
        assertThat(api(shop.org()).get("/v1/usage").json().get("conversations").asInt())
                .isEqualTo(500);
        String csv = api(shop.org())
                .header("Accept", "text/csv")
                .get("/v1/usage/events?period=2029-03")
                .body();
        assertThat(csv.split("\r\n")).hasSize(501);
    }
}
