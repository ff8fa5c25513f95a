package io.supportagent.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import io.supportagent.support.Fixtures;
import io.supportagent.support.Http;
import io.supportagent.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

@IntegrationTest
@Import(Fixtures.class)
class OrganizationControllerTests {

    @LocalServerPort
    int port;

    @Autowired
    Fixtures fixtures;

    @Test
    void answersTheCallersOwnOrganizationWithItsLimits() {
        var a = fixtures.organization(Tier.BASIC);
        fixtures.organization(Tier.PRO);

        var response = Http.on(port).bearer(a.liveKey()).get("/v1/organization");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().get("id").asText())
                .isEqualTo(a.organization().id().toString());
        assertThat(response.json().get("tier").asText()).isEqualTo("basic");
        assertThat(response.json().get("limits").get("max_stores").asInt()).isEqualTo(1);
    }

    @Test
    void saysUnlimitedAsAnExplicitNull() {
        var enterprise = fixtures.organization(Tier.ENTERPRISE);

        var limits = Http.on(port)
                .bearer(enterprise.liveKey())
                .get("/v1/organization")
                .json()
                .get("limits");

        assertThat(limits.has("max_stores")).isTrue();
        assertThat(limits.get("max_stores").isNull()).isTrue();
        assertThat(limits.get("max_agent_instances").isNull()).isTrue();
    }

    @Test
    void refusesARequestWithoutKeyAsProblemJson() {
        var response = Http.on(port).get("/v1/organization");

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().get("code").asText()).isEqualTo("missing_api_key");
    }
}
