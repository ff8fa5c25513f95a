package io.supportagent.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.supportagent.support.Fixtures;
import io.supportagent.support.IntegrationTest;
import io.supportagent.support.RawHttp;
import io.supportagent.tenancy.Tier;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What Tomcat refuses before the application sees it answers problem+json like every other refusal, not Tomcat's
 * HTML page; and Stripe-style filters written with bare brackets, as curl and people send them, are read.
 */
@IntegrationTest
@Import(Fixtures.class)
class ConnectorProblemsTests {

    @LocalServerPort
    int port;

    @Autowired
    Fixtures fixtures;

    @Test
    void aRequestTomcatCannotReadIsRefusedAsAProblem() {
        var org = fixtures.organization(Tier.BASIC);
        Map<String, String> key = Map.of("Authorization", "Bearer " + org.liveKey());
        for (var refused : Map.of(
                        "a brace in the query", RawHttp.send(port, "GET", "/v1/stores?x={a}", key, null),
                        "a space in the path", RawHttp.send(port, "GET", "/v1/st ores", key, null),
                        "a control character in a header",
                                RawHttp.send(port, "GET", "/v1/stores", Map.of("X-Note", "a\u0001b"), null))
                .entrySet()) {
            var answer = refused.getValue();
            assertThat(answer.status()).as(refused.getKey()).isEqualTo(400);
            assertThat(answer.header("Content-Type")).as(refused.getKey()).startsWith("application/problem+json");
            JsonNode problem = JsonMapper.builder().build().readTree(answer.body());
            assertThat(problem.get("code").asString()).isEqualTo("malformed_request");
            assertThat(problem.get("status").asInt()).isEqualTo(400);
            assertThat(answer.body()).doesNotContain("Tomcat").doesNotContain("<html");
        }
    }

    @Test
    void filtersWithBareBracketsAreRead() {
        var org = fixtures.organization(Tier.BASIC);
        var answer = RawHttp.send(
                port,
                "GET",
                "/v1/conversations?created[gte]=2026-01-01T00:00:00Z&limit=5",
                Map.of("Authorization", "Bearer " + org.liveKey()),
                null);
        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        assertThat(answer.body()).contains("\"object\":\"list\"");
        var refused = RawHttp.send(
                port,
                "GET",
                "/v1/conversations?created[gte]=yesterday",
                Map.of("Authorization", "Bearer " + org.liveKey()),
                null);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body()).contains("created[gte]");
    }
}
