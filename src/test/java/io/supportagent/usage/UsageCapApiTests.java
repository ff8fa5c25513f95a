package io.supportagent.usage;

import static org.assertj.core.api.Assertions.assertThat;

import io.supportagent.platform.OperatorToken;
import io.supportagent.support.AgentFixtures;
import io.supportagent.support.Fixtures;
import io.supportagent.support.Http;
import io.supportagent.support.IntegrationTest;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

/**
 * An organization at its monthly usage cap: every way of starting a live conversation (the organization API and the
 * shopper's widget) answers 402 problem+json {@code usage_limit_reached}, counts nothing and stores nothing; test
 * conversations, never counted, still start.
 */
@IntegrationTest
@Import({Fixtures.class, AgentFixtures.class})
class UsageCapApiTests {

    @LocalServerPort
    int port;

    @Autowired
    AgentFixtures agents;

    @Autowired
    OperatorToken operatorToken;

    @Test
    void beyondTheCapNoLiveConversationStartsAndNothingIsCounted() {
        var shop = agents.shop("cap@example.com");
        var capped = Http.on(port)
                .bearer(operatorToken.reveal())
                .patch("/platform/v1/organizations/" + shop.org().organization().id(), Map.of("usage_cap", 1));
        assertThat(capped.status()).as(capped.toString()).isEqualTo(200);
        Http live = Http.on(port).bearer(shop.org().liveKey());
        Map<String, Object> start =
                Map.of("agent_instance_id", shop.instance().id().toString());

        assertThat(live.post("/v1/conversations", start).status()).isEqualTo(201);
        var refused = live.post("/v1/conversations", start);
        var fromTheWidget = Http.on(port)
                .header("X-Widget-Key", shop.instance().publicKey())
                .header("Origin", AgentFixtures.ORIGIN)
                .post("/widget/v1/conversations", Map.of("message", "Hello"));

        for (var answer : new Http.Response[] {refused, fromTheWidget}) {
            assertThat(answer.status()).as(answer.toString()).isEqualTo(402);
            assertThat(answer.contentType()).startsWith("application/problem+json");
            assertThat(answer.json().get("code").asString()).isEqualTo("usage_limit_reached");
            assertThat(answer.json().get("usage_cap").asInt()).isEqualTo(1);
        }
        assertThat(live.get("/v1/conversations").json().get("data").size())
                .as("the refused starts stored nothing")
                .isEqualTo(1);
        assertThat(live.get("/v1/usage").json().get("conversations").asInt())
                .as("and counted nothing")
                .isEqualTo(1);
        assertThat(Http.on(port)
                        .bearer(shop.org().testKey())
                        .post("/v1/conversations", start)
                        .status())
                .as("test conversations are never counted, so never capped")
                .isEqualTo(201);
    }
}
