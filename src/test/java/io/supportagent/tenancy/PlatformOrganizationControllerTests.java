package io.supportagent.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import io.supportagent.platform.OperatorToken;
import io.supportagent.support.Fixtures;
import io.supportagent.support.Http;
import io.supportagent.support.IntegrationTest;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

/** The operator API crosses tenants by design: isolation here means only the operator token gets in. */
@IntegrationTest
@Import(Fixtures.class)
class PlatformOrganizationControllerTests {

    @LocalServerPort
    int port;

    @Autowired
    OperatorToken token;

    @Autowired
    Fixtures fixtures;

    @Autowired
    TenancyService tenancy;

    @Test
    void listsOrganizationsNewestFirstWithACursor() {
        var a = fixtures.organization(Tier.BASIC);
        var b = fixtures.organization(Tier.PRO);
        var c = fixtures.organization(Tier.ENTERPRISE);

        var first = operator().get("/platform/v1/organizations?limit=2");
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.json().get("object").asString()).isEqualTo("list");
        assertThat(first.json().get("has_more").asBoolean()).isTrue();
        assertThat(first.json().get("data").get(0).get("id").asString())
                .isEqualTo(c.organization().id().toString());
        assertThat(first.json().get("data").get(1).get("id").asString())
                .isEqualTo(b.organization().id().toString());

        var next = operator()
                .get("/platform/v1/organizations?limit=1&starting_after="
                        + b.organization().id());
        assertThat(next.json().get("data").get(0).get("id").asString())
                .isEqualTo(a.organization().id().toString());

        Set<String> seen = new HashSet<>();
        String after = null;
        boolean more = true;
        while (more) {
            var page = operator()
                    .get("/platform/v1/organizations?limit=100" + (after == null ? "" : "&starting_after=" + after));
            assertThat(page.status()).as(page.toString()).isEqualTo(200);
            page.json().get("data").forEach(o -> seen.add(o.get("id").asString()));
            more = page.json().get("has_more").asBoolean();
            var data = page.json().get("data");
            after = data.isEmpty() ? null : data.get(data.size() - 1).get("id").asString();
        }
        assertThat(seen)
                .contains(
                        a.organization().id().toString(), c.organization().id().toString());
    }

    @Test
    void rejectsLimitsOutOfRange() {
        assertThat(operator().get("/platform/v1/organizations?limit=0").status())
                .isEqualTo(400);
        assertThat(operator().get("/platform/v1/organizations?limit=101").status())
                .isEqualTo(400);
        assertThat(operator().get("/platform/v1/organizations?limit=abc").status())
                .isEqualTo(400);
    }

    @Test
    void readsOneOrganizationAndAnswers404ForUnknownIds() {
        var a = fixtures.organization(Tier.PRO);

        var found =
                operator().get("/platform/v1/organizations/" + a.organization().id());
        assertThat(found.status()).isEqualTo(200);
        assertThat(found.json().get("tier").asString()).isEqualTo("pro");
        assertThat(operator()
                        .get("/platform/v1/organizations/00000000-0000-0000-0000-000000000000")
                        .status())
                .isEqualTo(404);
        assertThat(operator().get("/platform/v1/organizations/nope").status()).isEqualTo(404);
    }

    @Test
    void patchesTierStatusPricingCapAndZone() {
        var a = fixtures.organization(Tier.PRO);
        String path = "/platform/v1/organizations/" + a.organization().id();

        Map<String, Object> change = new HashMap<>();
        change.put("tier", "enterprise");
        change.put("name", "Renamed");
        change.put("usage_cap", 5000);
        change.put("billing_timezone", "America/New_York");
        change.put("custom_pricing", Map.of("overage_unit_price", 0.02, "included_conversations", 50000));
        var patched = operator().patch(path, change);

        assertThat(patched.status()).as(patched.toString()).isEqualTo(200);
        assertThat(patched.json().get("tier").asString()).isEqualTo("enterprise");
        assertThat(patched.json().get("name").asString()).isEqualTo("Renamed");
        assertThat(patched.json().get("usage_cap").asInt()).isEqualTo(5000);
        assertThat(patched.json().get("billing_timezone").asString()).isEqualTo("America/New_York");
        assertThat(patched.json()
                        .get("custom_pricing")
                        .get("overage_unit_price")
                        .asString())
                .isEqualTo("0.02");
        assertThat(tenancy.customPricing(a.organization().id())).hasValueSatisfying(p -> {
            assertThat(p.overageUnitPrice()).isEqualByComparingTo(new BigDecimal("0.02"));
            assertThat(p.includedConversationsOr(1)).isEqualTo(50000);
            assertThat(p.baseFeeCentsOr(99900)).isEqualTo(99900);
        });

        Map<String, Object> clear = new HashMap<>();
        clear.put("usage_cap", null);
        clear.put("custom_pricing", null);
        var cleared = operator().patch(path, clear);
        assertThat(cleared.status()).isEqualTo(200);
        assertThat(cleared.json().has("usage_cap")).isFalse();
        assertThat(cleared.json().has("custom_pricing")).isFalse();
        assertThat(cleared.json().get("tier").asString()).isEqualTo("enterprise");
        assertThat(tenancy.customPricing(a.organization().id())).isEmpty();
    }

    @Test
    void aTierChangeIsRecordedWithItsTimeForProration() {
        var org = fixtures.organization(Tier.BASIC);
        java.time.Instant before = java.time.Instant.now().minusSeconds(1);

        operator().patch("/platform/v1/organizations/" + org.organization().id(), Map.of("tier", "pro"));
        operator().patch("/platform/v1/organizations/" + org.organization().id(), Map.of("name", "Renamed only"));

        var changes = tenancy.tierChangesSince(before).stream()
                .filter(c -> c.organizationId().equals(org.organization().id()))
                .toList();
        assertThat(changes).hasSize(1);
        assertThat(changes.getFirst().fromTier()).isEqualTo(Tier.BASIC);
        assertThat(changes.getFirst().toTier()).isEqualTo(Tier.PRO);
    }

    @Test
    void suspendingAnOrganizationLocksItsKeysOutAtOnce() {
        var a = fixtures.organization(Tier.BASIC);
        String path = "/platform/v1/organizations/" + a.organization().id();
        assertThat(Http.on(port).bearer(a.liveKey()).get("/v1/organization").status())
                .isEqualTo(200);

        assertThat(operator()
                        .patch(path, Map.of("status", "suspended"))
                        .json()
                        .get("status")
                        .asString())
                .isEqualTo("suspended");
        var refused = Http.on(port).bearer(a.liveKey()).get("/v1/organization");
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().get("code").asString()).isEqualTo("organization_suspended");

        operator().patch(path, Map.of("status", "active"));
        assertThat(Http.on(port).bearer(a.liveKey()).get("/v1/organization").status())
                .isEqualTo(200);
    }

    @Test
    void rejectsInvalidChangesWithFieldNames() {
        var a = fixtures.organization(Tier.BASIC);
        String path = "/platform/v1/organizations/" + a.organization().id();

        assertInvalid(path, Map.of("status", "deleted"), "status");
        assertInvalid(path, Map.of("tier", "gold"), "tier");
        assertInvalid(path, Map.of("usage_cap", -5), "usage_cap");
        assertInvalid(path, Map.of("usage_cap", "lots"), "usage_cap");
        assertInvalid(path, Map.of("billing_timezone", "Nowhere/Land"), "billing_timezone");
        assertInvalid(path, Map.of("name", ""), "name");
        assertInvalid(path, Map.of("custom_pricing", Map.of("rate_limit_burst", 0)), "custom_pricing.rate_limit_burst");
        assertInvalid(
                path,
                Map.of("custom_pricing", Map.of("overage_unit_price", "-1")),
                "custom_pricing.overage_unit_price");
        assertInvalid(
                path,
                Map.of("custom_pricing", Map.of("overage_unit_price", "cheap")),
                "custom_pricing.overage_unit_price");
        assertInvalid(path, Map.of("id", "00000000-0000-0000-0000-000000000000"), "id");
        assertThat(operator()
                        .patch("/platform/v1/organizations/00000000-0000-0000-0000-000000000000", Map.of("name", "x"))
                        .status())
                .isEqualTo(404);
        assertThat(operator().patch(path, "{not json").status()).isEqualTo(400);
    }

    @Test
    void refusesEverythingWithoutTheOperatorToken() {
        var a = fixtures.organization(Tier.BASIC);
        for (var response : new Http.Response[] {
            Http.on(port).get("/platform/v1/organizations"),
            Http.on(port)
                    .bearer("nope")
                    .get("/platform/v1/organizations/" + a.organization().id()),
            Http.on(port)
                    .bearer(a.liveKey())
                    .patch("/platform/v1/organizations/" + a.organization().id(), Map.of("status", "active")),
            Http.on(port).header("Authorization", "Basic " + token.reveal()).get("/platform/v1/organizations")
        }) {
            assertThat(response.status()).isEqualTo(401);
            assertThat(response.json().get("code").asString()).isEqualTo("invalid_operator_token");
            assertThat(response.body()).doesNotContain(a.organization().id().toString());
        }
    }

    private void assertInvalid(String path, Map<String, Object> body, String field) {
        var response = operator().patch(path, body);
        assertThat(response.status()).as(body + " -> " + response).isEqualTo(400);
        assertThat(response.json().get("code").asString()).isEqualTo("validation_failed");
        assertThat(response.json().get("errors").has(field))
                .as(response.toString())
                .isTrue();
    }

    private Http operator() {
        return Http.on(port).bearer(token.reveal());
    }
}
