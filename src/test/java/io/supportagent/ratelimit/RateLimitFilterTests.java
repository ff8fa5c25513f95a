package io.supportagent.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import io.supportagent.support.ApiFixtures;
import io.supportagent.support.Fixtures;
import io.supportagent.support.Http;
import io.supportagent.support.IntegrationTest;
import io.supportagent.tenancy.TenancyService;
import io.supportagent.tenancy.Tier;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

/** In-process buckets (no Redis configured): the tier's limits, a quarter for test keys, and the widget's. */
@IntegrationTest
@TestPropertySource(properties = "support-agent.rate-limit.enabled=true")
@Import({Fixtures.class, ApiFixtures.class})
class RateLimitFilterTests {

    @LocalServerPort
    int port;

    @Autowired
    Fixtures fixtures;

    @Autowired
    ApiFixtures api;

    @Autowired
    io.supportagent.platform.db.PlatformJdbc platform;

    @Autowired
    TenancyService tenancy;

    @Test
    void aBasicLiveKeyGetsItsBurstThen429WithHeaders() {
        var org = fixtures.organization(Tier.BASIC);
        Http http = Http.on(port).bearer(org.liveKey());

        var first = http.get("/v1/organization");
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.header("RateLimit-Policy")).isEqualTo("\"default\";q=20;w=2");
        assertThat(first.header("RateLimit")).matches("\"default\";r=19;t=\\d+");

        Burst burst = burst(http, 40);
        assertThat(burst.refused()).isNotNull();
        // 19 left after the first, plus what refilled (10/s) while the burst ran.
        assertThat(burst.accepted()).isLessThanOrEqualTo(19 + (int) Math.ceil(10 * burst.seconds()) + 1);
        var refused = burst.refused();
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.json().get("code").asString()).isEqualTo("rate_limited");
        assertThat(Integer.parseInt(refused.header("Retry-After"))).isBetween(1, 2);
        assertThat(refused.header("RateLimit-Policy")).isEqualTo("\"default\";q=20;w=2");
        assertThat(refused.header("RateLimit")).matches("\"default\";r=0;t=\\d+");
    }

    @Test
    void aTierChangeAppliesToTheVeryNextRequest() {
        var org = fixtures.organization(Tier.BASIC);
        Http http = Http.on(port).bearer(org.liveKey());
        assertThat(http.get("/v1/organization").header("RateLimit-Policy")).isEqualTo("\"default\";q=20;w=2");

        tenancy.changeTier(org.organization().id(), Tier.PRO, Instant.now());

        var upgraded = http.get("/v1/organization");
        assertThat(upgraded.header("RateLimit-Policy")).isEqualTo("\"default\";q=100;w=2");
        assertThat(upgraded.header("RateLimit")).startsWith("\"default\";r=99;");
    }

    @Test
    void aTestKeyGetsAQuarterOfTheLiveLimit() {
        var org = fixtures.organization(Tier.PRO);
        Http test = Http.on(port).bearer(org.testKey());

        var first = test.get("/v1/organization");
        assertThat(first.header("RateLimit-Policy")).isEqualTo("\"default\";q=25;w=2");
        Burst burst = burst(test, 60);
        assertThat(burst.refused()).isNotNull();
        assertThat(burst.accepted()).isLessThanOrEqualTo(24 + (int) Math.ceil(12.5 * burst.seconds()) + 1);

        // Live and test buckets are separate: the live key still has its full burst.
        var live = Http.on(port).bearer(org.liveKey()).get("/v1/organization");
        assertThat(live.status()).isEqualTo(200);
        assertThat(live.header("RateLimit-Policy")).isEqualTo("\"default\";q=100;w=2");
        assertThat(live.header("RateLimit")).startsWith("\"default\";r=99;");
    }

    @Test
    void organizationsDoNotShareBuckets() {
        var a = fixtures.organization(Tier.BASIC);
        var b = fixtures.organization(Tier.BASIC);
        assertThat(burst(Http.on(port).bearer(a.liveKey()), 40).refused()).isNotNull();
        var other = Http.on(port).bearer(b.liveKey()).get("/v1/organization");
        assertThat(other.status()).isEqualTo(200);
        assertThat(other.header("RateLimit")).startsWith("\"default\";r=19;");
    }

    @Test
    void theWidgetApiIsLimitedPerKeyAndClientAddress() {
        var org = fixtures.organization(Tier.ENTERPRISE);
        var deployed = api.deploy(org);
        Http widget = Http.on(port)
                .header("X-Widget-Key", deployed.instance().publicKey())
                .header("Origin", "https://shop.example.com");

        var first = widget.get("/widget/v1/config");
        assertThat(first.header("RateLimit-Policy")).isEqualTo("\"widget_client\";q=20;w=4, \"widget_key\";q=100;w=2");
        assertThat(first.header("RateLimit")).startsWith("\"widget_client\";r=19;");
        Burst burst = burst(widget, 60, "/widget/v1/config");
        assertThat(burst.refused()).isNotNull();
        assertThat(burst.refused().json().get("code").asString()).isEqualTo("rate_limited");
        assertThat(burst.refused().json().get("policy").asString()).isEqualTo("widget_client");
        assertThat(burst.accepted()).isLessThanOrEqualTo(19 + (int) Math.ceil(5 * burst.seconds()) + 1);
    }

    @Test
    void aScriptedClientCannotStartMoreConversationsThanItsLimitNorAnyWithoutAMessage() {
        var org = fixtures.organization(Tier.ENTERPRISE);
        var deployed = api.deploy(org);
        Http widget = Http.on(port)
                .header("X-Widget-Key", deployed.instance().publicKey())
                .header("Origin", "https://shop.example.com");

        for (int i = 0; i < 5; i++) {
            assertThat(widget.post("/widget/v1/conversations", Map.of()).status())
                    .as("a start without the shopper's first message")
                    .isEqualTo(400);
        }
        assertThat(countedConversations(org)).isZero();
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 14; i++) {
            statuses.add(widget.post("/widget/v1/conversations", Map.of("message", "Hi " + i))
                    .status());
        }

        // Ten starts per client and widget key (the default burst), then 429 until the allowance refills.
        assertThat(statuses.subList(0, 10)).containsOnly(201);
        assertThat(statuses.subList(10, 14)).containsOnly(429);
        var refused = widget.post("/widget/v1/conversations", Map.of("message", "one more"));
        assertThat(refused.json().get("policy").asString()).isEqualTo("widget_start");
        assertThat(Integer.parseInt(refused.header("Retry-After"))).isPositive();
        assertThat(countedConversations(org)).isEqualTo(10);
    }

    private int countedConversations(Fixtures.Org org) {
        return platform.jdbc()
                .sql("SELECT coalesce(sum(conversations), 0) FROM conversation_usage WHERE organization_id = :org")
                .param("org", org.organization().id().value())
                .query(Integer.class)
                .single();
    }

    @Test
    void anEnterpriseOrganizationsCustomPricingSetsItsLimitAndJunkIsIgnored() {
        var custom = fixtures.organization(Tier.ENTERPRISE);
        var junk = fixtures.organization(Tier.ENTERPRISE);
        pricing(custom, "{\"rate_limit_per_second\": 7, \"rate_limit_burst\": 9, \"base_fee_cents\": 1}");
        pricing(junk, "{\"rate_limit_per_second\": \"fast\", \"rate_limit_burst\": -3}");

        assertThat(Http.on(port)
                        .bearer(custom.liveKey())
                        .get("/v1/organization")
                        .header("RateLimit-Policy"))
                .isEqualTo("\"default\";q=9;w=2");
        assertThat(Http.on(port)
                        .bearer(custom.testKey())
                        .get("/v1/organization")
                        .header("RateLimit-Policy"))
                .isEqualTo("\"default\";q=2;w=2");
        assertThat(Http.on(port).bearer(junk.liveKey()).get("/v1/organization").header("RateLimit-Policy"))
                .isEqualTo("\"default\";q=400;w=2");
    }

    private void pricing(Fixtures.Org org, String json) {
        platform.jdbc()
                .sql("UPDATE organizations SET custom_pricing = CAST(:json AS jsonb) WHERE id = :id")
                .param("json", json)
                .param("id", org.organization().id().value())
                .update();
    }

    @Test
    void theOperatorApiIsNotLimited() {
        var response = Http.on(port).get("/platform/v1/agent-definitions");
        assertThat(response.header("RateLimit")).isNull();
    }

    record Burst(int accepted, Http.Response refused, double seconds) {}

    static Burst burst(Http http, int max) {
        return burst(http, max, "/v1/organization");
    }

    static Burst burst(Http http, int max, String path) {
        long start = System.nanoTime();
        int accepted = 0;
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < max; i++) {
            var response = http.get(path);
            statuses.add(response.status());
            if (response.status() == 429) {
                return new Burst(accepted, response, (System.nanoTime() - start) / 1e9);
            }
            accepted++;
        }
        return new Burst(accepted, null, (System.nanoTime() - start) / 1e9);
    }
}
