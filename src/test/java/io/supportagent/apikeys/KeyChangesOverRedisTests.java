package io.supportagent.apikeys;

import static org.assertj.core.api.Assertions.assertThat;

import io.supportagent.support.Http;
import java.time.Duration;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * With {@code support-agent.redis.url} set, nodes tell each other about key changes over Redis pub/sub (and do not
 * LISTEN on PostgreSQL): two nodes with Redis, one database.
 */
class KeyChangesOverRedisTests {

    static final String REDIS = System.getenv().getOrDefault("TEST_REDIS_URL", "redis://127.0.0.1:6379");
    static final String OPERATOR = "op_second_node_token_for_tests_only";

    static ConfigurableApplicationContext one;
    static ConfigurableApplicationContext two;

    @BeforeAll
    static void startNodes() {
        one = KeyChangesAcrossNodesTests.node(Map.of("support-agent.redis.url", REDIS));
        two = KeyChangesAcrossNodesTests.node(Map.of("support-agent.redis.url", REDIS));
    }

    @AfterAll
    static void stopNodes() {
        if (one != null) {
            one.close();
        }
        if (two != null) {
            two.close();
        }
    }

    @Test
    void aKeyRevokedOnOneNodeIsRefusedByTheOtherWithinTwoSeconds() {
        int portOne = KeyChangesAcrossNodesTests.port(one);
        int portTwo = KeyChangesAcrossNodesTests.port(two);
        assertThat(one.getBean(KeyChanges.class).listening()).isTrue();
        var org = Http.on(portOne)
                .bearer(OPERATOR)
                .post("/platform/v1/organizations", Map.of("name", "Redis org", "tier", "pro"));
        String admin = org.json().get("live_key").get("secret").asString();
        var created = Http.on(portOne).bearer(admin).post("/v1/api-keys", Map.of("name", "over redis"));
        String secret = created.json().get("secret").asString();
        assertThat(Http.on(portTwo).bearer(secret).get("/v1/organization").status())
                .isEqualTo(200);

        Http.on(portOne)
                .bearer(admin)
                .delete("/v1/api-keys/" + created.json().get("id").asString());

        assertThat(Http.on(portOne).bearer(secret).get("/v1/organization").status())
                .isEqualTo(401);
        Awaitility.await()
                .atMost(Duration.ofSeconds(2))
                .pollInterval(Duration.ofMillis(50))
                .until(() ->
                        Http.on(portTwo).bearer(secret).get("/v1/organization").status() == 401);
    }
}
