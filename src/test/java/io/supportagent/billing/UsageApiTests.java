package io.supportagent.billing;

import static org.assertj.core.api.Assertions.assertThat;

import io.supportagent.support.Fixtures;
import io.supportagent.support.Http;
import io.supportagent.support.MeteringIntegrationTest;
import io.supportagent.support.Pages;
import io.supportagent.support.Storefront;
import io.supportagent.support.TestClock;
import io.supportagent.tenancy.TenancyService;
import io.supportagent.tenancy.Tier;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

@MeteringIntegrationTest
class UsageApiTests {

    static final Instant JANUARY = Instant.parse("2027-01-15T12:00:00Z");

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

    @BeforeEach
    void moveToJanuary() {
        clock.moveTo(JANUARY);
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void showsTheRunningPeriodWithIncludedPercentAndCap() throws Exception {
        var org = fixtures.organization(Tier.BASIC);
        tenancy.changeUsageCap(org.organization().id(), 5_000);
        var shop = storefront.open(org);
        storefront.startConcurrently(shop, org.live(), 3, 3);

        var usage = Http.on(port).bearer(org.liveKey()).get("/v1/usage").json();

        assertThat(usage.get("object").asText()).isEqualTo("usage");
        assertThat(usage.get("period").asText()).isEqualTo("2027-01");
        assertThat(usage.get("period_start").asText()).isEqualTo("2027-01-01T00:00:00Z");
        assertThat(usage.get("period_end").asText()).isEqualTo("2027-02-01T00:00:00Z");
        assertThat(usage.get("conversations").asInt()).isEqualTo(3);
        assertThat(usage.get("included").asInt()).isEqualTo(1_000);
        assertThat(usage.get("percent").decimalValue()).isEqualByComparingTo("0.3");
        assertThat(usage.get("thresholds_crossed")).isEmpty();
        assertThat(usage.get("overage_conversations").asInt()).isZero();
        assertThat(usage.get("overage_cost_cents").asLong()).isZero();
        assertThat(usage.get("usage_cap").asInt()).isEqualTo(5_000);
        assertThat(usage.get("currency").asText()).isEqualTo("usd");
    }

    @Test
    void showsCrossedThresholdsAndTheOverageSoFar() throws Exception {
        var org = fixtures.organization(Tier.BASIC);
        tenancy.changeCustomPricing(org.organization().id(), "{\"included_conversations\": 10}");
        var shop = storefront.open(org);
        storefront.startConcurrently(shop, org.live(), 13, 4);

        var usage = Http.on(port).bearer(org.liveKey()).get("/v1/usage").json();

        assertThat(usage.get("conversations").asInt()).isEqualTo(13);
        assertThat(usage.get("percent").decimalValue()).isEqualByComparingTo("130.0");
        assertThat(usage.get("thresholds_crossed")).hasSize(2);
        assertThat(usage.get("thresholds_crossed").get(0).get("threshold").asInt())
                .isEqualTo(90);
        assertThat(usage.get("thresholds_crossed").get(0).get("conversations").asInt())
                .isEqualTo(9);
        assertThat(usage.get("thresholds_crossed").get(1).get("threshold").asInt())
                .isEqualTo(100);
        assertThat(usage.get("thresholds_crossed").get(1).get("crossed_at").asText())
                .startsWith("2027-01-15");
        assertThat(usage.get("overage_conversations").asInt()).isEqualTo(3);
        assertThat(usage.get("overage_cost_cents").asLong()).isEqualTo(30);
    }

    @Test
    void oneOrganizationNeverSeesAnothersUsageNorTestKeysLiveUsage() throws Exception {
        var a = fixtures.organization(Tier.BASIC);
        tenancy.changeCustomPricing(a.organization().id(), "{\"included_conversations\": 2}");
        var b = fixtures.organization(Tier.BASIC);
        storefront.startConcurrently(storefront.open(a), a.live(), 4, 2);

        var asB = Http.on(port).bearer(b.liveKey()).get("/v1/usage").json();
        var asATest = Http.on(port).bearer(a.testKey()).get("/v1/usage").json();

        assertThat(asB.get("conversations").asInt()).isZero();
        assertThat(asB.get("thresholds_crossed")).isEmpty();
        assertThat(asATest.get("conversations").asInt()).isZero();
        assertThat(asATest.get("livemode").asBoolean()).isFalse();
        assertThat(Http.on(port)
                        .bearer(b.liveKey())
                        .get("/v1/usage/history")
                        .json()
                        .get("data"))
                .isEmpty();
    }

    @Test
    void listsPastPeriodsNewestFirst() {
        var org = fixtures.organization(Tier.PRO);
        var shop = storefront.open(org);
        clock.moveTo(Instant.parse("2026-12-20T10:00:00Z"));
        storefront.start(shop, org.live());
        storefront.start(shop, org.live());
        clock.moveTo(Instant.parse("2027-01-03T10:00:00Z"));
        storefront.start(shop, org.live());
        clock.moveTo(Instant.parse("2027-02-03T10:00:00Z"));

        var history = Http.on(port)
                .bearer(org.liveKey())
                .get("/v1/usage/history")
                .json()
                .get("data");

        assertThat(history).hasSize(2);
        assertThat(history.get(0).get("period").asText()).isEqualTo("2027-01");
        assertThat(history.get(0).get("conversations").asInt()).isEqualTo(1);
        assertThat(history.get(1).get("period").asText()).isEqualTo("2026-12");
        assertThat(history.get(1).get("conversations").asInt()).isEqualTo(2);
    }

    /** Starts {@code counts[i]} conversations in the middle of {@code months[i]}. */
    void use(Storefront.Shop shop, Fixtures.Org org, String[] months, int[] counts) {
        for (int i = 0; i < months.length; i++) {
            clock.moveTo(Instant.parse(months[i] + "-10T10:00:00Z"));
            for (int n = 0; n < counts[i]; n++) {
                storefront.start(shop, org.live());
            }
        }
    }

    @Test
    void walksThePastPeriodsPageByPageWithAPeriodAsCursor() {
        var org = fixtures.organization(Tier.PRO);
        var shop = storefront.open(org);
        // no usage in May; August is the running period, not history yet
        use(shop, org, new String[] {"2027-03", "2027-04", "2027-06", "2027-07", "2027-08"}, new int[] {1, 2, 3, 4, 5});
        Http api = Http.on(port).bearer(org.liveKey());

        for (int limit : new int[] {1, 2, 4, 100}) {
            List<JsonNode> walked = Pages.walk(api, "/v1/usage/history", limit, "period");
            assertThat(Pages.values(walked, "period"))
                    .as("limit " + limit)
                    .containsExactly("2027-07", "2027-06", "2027-04", "2027-03");
            assertThat(walked.stream().map(u -> u.get("conversations").asInt())).containsExactly(4, 3, 2, 1);
        }
        var first = api.get("/v1/usage/history?limit=3").json();
        assertThat(first.get("has_more").asBoolean()).isTrue();
        assertThat(first.get("url").asString()).isEqualTo("/v1/usage/history");
        assertThat(first.get("data").get(0).get("object").asString()).isEqualTo("usage");
        // any month is a cursor, whether it had usage or not, even one to come
        assertThat(periods(api.get("/v1/usage/history?starting_after=2027-05"))).containsExactly("2027-04", "2027-03");
        assertThat(periods(api.get("/v1/usage/history?starting_after=2031-01")))
                .containsExactly("2027-07", "2027-06", "2027-04", "2027-03");
        var end = api.get("/v1/usage/history?starting_after=2027-03").json();
        assertThat(end.get("data")).isEmpty();
        assertThat(end.get("has_more").asBoolean()).isFalse();
    }

    @Test
    void refusesALimitOutOfRangeAndACursorThatIsNoPeriod() {
        var org = fixtures.organization(Tier.BASIC);
        Http api = Http.on(port).bearer(org.liveKey());

        for (String query : List.of("limit=0", "limit=101", "limit=lots")) {
            InvoiceListTests.assertRejected(api.get("/v1/usage/history?" + query), "limit");
        }
        for (String cursor :
                List.of("2027-13", "07-2027", "2027-7", UUID.randomUUID().toString())) {
            InvoiceListTests.assertRejected(api.get("/v1/usage/history?starting_after=" + cursor), "starting_after");
        }
        InvoiceListTests.assertRejected(Http.on(port).bearer(org.testKey()).get("/v1/usage/history?limit=0"), "limit");
    }

    @Test
    void anotherOrganizationsPeriodsNeverShowWhateverTheCursor() {
        var a = fixtures.organization(Tier.PRO);
        var b = fixtures.organization(Tier.PRO);
        use(storefront.open(a), a, new String[] {"2027-03", "2027-04", "2027-07"}, new int[] {1, 2, 3});
        use(storefront.open(b), b, new String[] {"2027-04", "2027-05", "2027-06", "2027-08"}, new int[] {7, 8, 9, 1});
        Http asA = Http.on(port).bearer(a.liveKey());

        List<JsonNode> walked = Pages.walk(asA, "/v1/usage/history", 1, "period");

        assertThat(Pages.values(walked, "period")).containsExactly("2027-07", "2027-04", "2027-03");
        assertThat(walked.stream().map(u -> u.get("conversations").asInt())).containsExactly(3, 2, 1);
        // a period only B used is no way into B's usage
        assertThat(periods(asA.get("/v1/usage/history?limit=1&starting_after=2027-06")))
                .containsExactly("2027-04");
        assertThat(asA.get("/v1/usage/history?limit=1&starting_after=2027-05")
                        .json()
                        .get("data")
                        .get(0)
                        .get("conversations")
                        .asInt())
                .isEqualTo(2);
        // and A's test key has no history at all
        assertThat(Http.on(port)
                        .bearer(a.testKey())
                        .get("/v1/usage/history?limit=1")
                        .json()
                        .get("data"))
                .isEmpty();
    }

    static List<String> periods(Http.Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json().get("data").findValuesAsString("period");
    }
}
