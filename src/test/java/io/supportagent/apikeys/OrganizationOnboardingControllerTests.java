package io.supportagent.apikeys;

import static org.assertj.core.api.Assertions.assertThat;

import io.supportagent.platform.OperatorToken;
import io.supportagent.support.Http;
import io.supportagent.support.IntegrationTest;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

@IntegrationTest
class OrganizationOnboardingControllerTests {

    @LocalServerPort
    int port;

    @Autowired
    OperatorToken token;

    @Test
    void createsAnOrganizationWithItsFirstLiveAndTestKeysShownOnce() {
        var created = operator().post("/platform/v1/organizations", Map.of("name", "Acme", "tier", "pro"));

        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        var body = created.json();
        assertThat(body.get("object").asString()).isEqualTo("organization");
        assertThat(body.get("name").asString()).isEqualTo("Acme");
        assertThat(body.get("tier").asString()).isEqualTo("pro");
        assertThat(body.get("status").asString()).isEqualTo("active");
        assertThat(body.get("billing_timezone").asString()).isEqualTo("UTC");
        String live = body.get("live_key").get("secret").asString();
        String test = body.get("test_key").get("secret").asString();
        assertThat(live).startsWith("sk_live_");
        assertThat(test).startsWith("sk_test_");

        var asLive = Http.on(port).bearer(live).get("/v1/organization");
        assertThat(asLive.status()).isEqualTo(200);
        assertThat(asLive.json().get("id").asString()).isEqualTo(body.get("id").asString());
        assertThat(Http.on(port).bearer(test).get("/v1/organization").status()).isEqualTo(200);

        var listed = Http.on(port).bearer(live).get("/v1/api-keys");
        assertThat(listed.body()).doesNotContain(live).doesNotContain(test);
        var fetched =
                operator().get("/platform/v1/organizations/" + body.get("id").asString());
        assertThat(fetched.body()).doesNotContain(live).doesNotContain("secret");
    }

    @Test
    void storesValidatedCustomPricing() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", "Big Corp");
        body.put("tier", "enterprise");
        body.put("usage_cap", 250000);
        body.put("billing_timezone", "Europe/Berlin");
        body.put(
                "custom_pricing",
                Map.of(
                        "base_fee_cents", 150000,
                        "included_conversations", 200000,
                        "overage_unit_price", "0.015",
                        "rate_limit_per_second", 300,
                        "rate_limit_burst", 600));

        var created = operator().post("/platform/v1/organizations", body);

        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        var pricing = created.json().get("custom_pricing");
        assertThat(pricing.get("base_fee_cents").asLong()).isEqualTo(150000);
        assertThat(pricing.get("overage_unit_price").asString()).isEqualTo("0.015");
        assertThat(pricing.get("rate_limit_burst").asInt()).isEqualTo(600);
        assertThat(created.json().get("usage_cap").asInt()).isEqualTo(250000);
        assertThat(created.json().get("billing_timezone").asString()).isEqualTo("Europe/Berlin");
    }

    @Test
    void rejectsInvalidOrganizationsWithFieldNames() {
        assertInvalid(Map.of("tier", "pro"), "name");
        assertInvalid(Map.of("name", "X"), "tier");
        assertInvalid(Map.of("name", "X", "tier", "platinum"), "tier");
        assertInvalid(Map.of("name", "X", "tier", "pro", "usage_cap", 0), "usage_cap");
        assertInvalid(Map.of("name", "X", "tier", "pro", "billing_timezone", "Mars/Olympus"), "billing_timezone");
        assertInvalid(
                Map.of("name", "X", "tier", "enterprise", "custom_pricing", Map.of("base_fee_cents", -1)),
                "custom_pricing.base_fee_cents");
        assertInvalid(
                Map.of("name", "X", "tier", "enterprise", "custom_pricing", Map.of("overage_unit_price", "0.0000001")),
                "custom_pricing.overage_unit_price");
        assertInvalid(
                Map.of("name", "X", "tier", "enterprise", "custom_pricing", Map.of("rate_limit_per_second", 0)),
                "custom_pricing.rate_limit_per_second");
        assertInvalid(Map.of("name", "X", "tier", "pro", "colour", "red"), "colour");
    }

    @Test
    void refusesAMissingOrWrongOperatorToken() {
        var missing = Http.on(port).post("/platform/v1/organizations", Map.of("name", "X", "tier", "pro"));
        var wrong =
                Http.on(port).bearer("op_wrong").post("/platform/v1/organizations", Map.of("name", "X", "tier", "pro"));

        for (var response : new Http.Response[] {missing, wrong}) {
            assertThat(response.status()).isEqualTo(401);
            assertThat(response.contentType()).startsWith("application/problem+json");
            assertThat(response.json().get("code").asString()).isEqualTo("invalid_operator_token");
        }
    }

    @Test
    void aSecretKeyIsNoOperatorToken() {
        var created = operator().post("/platform/v1/organizations", Map.of("name", "Sneaky", "tier", "basic"));
        String live = created.json().get("live_key").get("secret").asString();

        var response = Http.on(port).bearer(live).get("/platform/v1/organizations");

        assertThat(response.status()).isEqualTo(401);
    }

    private void assertInvalid(Map<String, Object> body, String field) {
        var response = operator().post("/platform/v1/organizations", body);
        assertThat(response.status()).as(body + " -> " + response).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().get("code").asString()).isEqualTo("validation_failed");
        assertThat(response.json().get("errors").has(field))
                .as(response.toString())
                .isTrue();
    }

    private Http operator() {
        return Http.on(port).bearer(token.reveal());
    }
}
