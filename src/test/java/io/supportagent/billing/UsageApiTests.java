package io.supportagent.billing;

import static org.assertj.core.api.Assertions.assertThat;

import io.supportagent.support.Fixtures;
import io.supportagent.support.Http;
import io.supportagent.support.IntegrationTest;
import io.supportagent.support.Storefront;
import io.supportagent.support.TestClock;
import io.supportagent.tenancy.TenancyService;
import io.supportagent.tenancy.Tier;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

@IntegrationTest
@Import({Fixtures.class, Storefront.class, TestClock.class})
// Webhook receivers in tests listen on 127.0.0.1; the classes with these same properties share one context.
@TestPropertySource(
        properties = {
            "support-agent.webhooks.retry-delays=300ms",
            "support-agent.webhooks.poll-interval=100ms",
            "support-agent.webhooks.allow-private-targets=true"
        })
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
}
