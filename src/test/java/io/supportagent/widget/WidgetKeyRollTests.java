package io.supportagent.widget;

import static org.assertj.core.api.Assertions.assertThat;

import io.supportagent.platform.MemberRole;
import io.supportagent.support.AgentFixtures;
import io.supportagent.support.DashboardSession;
import io.supportagent.support.DashboardTest;
import io.supportagent.support.Fixtures;
import io.supportagent.support.Http;
import io.supportagent.support.MemberFixtures;
import io.supportagent.support.TestDatabase;
import io.supportagent.tenancy.Tier;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Rolling a widget key with an overlap, through the API and the agent's page: inside the overlap the old key and the
 * new one both start widget conversations; after it the old key is refused exactly as an unknown key is.
 */
@DashboardTest
class WidgetKeyRollTests {

    static final Map<String, Object> START = Map.of("message", "Hello");

    @LocalServerPort
    int port;

    @Autowired
    AgentFixtures shops;

    @Autowired
    Fixtures fixtures;

    @Autowired
    MemberFixtures people;

    private Http.Response start(String widgetKey) {
        return Http.on(port)
                .header("X-Widget-Key", widgetKey)
                .header("Origin", AgentFixtures.ORIGIN)
                .post("/widget/v1/conversations", START);
    }

    /** What the widget API answers a key, without the parts that differ per request. */
    private static String refusal(Http.Response response) {
        var body = response.json();
        return response.status() + " " + body.get("code").asString() + " "
                + body.get("title").asString() + " "
                + body.get("detail").asString() + " " + body.get("type").asString() + " "
                + response.header("WWW-Authenticate");
    }

    /** The end of the overlap, reached: as time passing would, without waiting for it. */
    private static void overlapEnds(UUID instance) throws SQLException {
        try (var c = DriverManager.getConnection(TestDatabase.url());
                var s = c.prepareStatement("UPDATE agent_instances SET previous_public_key_expires_at = now()"
                        + " - interval '1 second' WHERE id = ? AND previous_public_key IS NOT NULL")) {
            s.setObject(1, instance);
            assertThat(s.executeUpdate()).isEqualTo(1);
        }
    }

    @Test
    void theOldKeyStartsConversationsInsideTheOverlapAndIsRefusedAsUnknownAfterIt() throws SQLException {
        var shop = shops.shop("ann@example.com");
        String instance = shop.instance().id().toString();
        String old = shop.instance().publicKey();
        Http api = Http.on(port).bearer(shop.org().liveKey());

        var rolled = api.post("/v1/agent-instances/" + instance + "/roll-key", Map.of("expires_in_seconds", 3600));

        assertThat(rolled.status()).as(rolled.toString()).isEqualTo(200);
        String fresh = rolled.json().get("public_key").asString();
        assertThat(fresh).startsWith("pk_widget_").isNotEqualTo(old);
        assertThat(Instant.parse(rolled.json().get("previous_key_expires_at").asString()))
                .isBetween(Instant.now().plusSeconds(3500), Instant.now().plusSeconds(3700));
        assertThat(start(old).status()).as("the old key inside the overlap").isEqualTo(201);
        assertThat(start(fresh).status()).as("the new key").isEqualTo(201);

        overlapEnds(shop.instance().id().value());

        var refused = start(old);
        var unknown = start("pk_widget_" + "x".repeat(32));
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refusal(refused)).isEqualTo(refusal(unknown));
        assertThat(refused.json().get("code").asString()).isEqualTo("invalid_widget_key");
        assertThat(start(fresh).status()).isEqualTo(201);
        assertThat(api.get("/v1/agent-instances/" + instance).json().has("previous_key_expires_at"))
                .as("no previous key works any more")
                .isFalse();

        // rolled with 0 (the default), the key before stops at once
        String third = api.post("/v1/agent-instances/" + instance + "/roll-key", null)
                .json()
                .get("public_key")
                .asString();
        assertThat(refusal(start(fresh))).isEqualTo(refusal(unknown));
        assertThat(start(third).status()).isEqualTo(201);

        for (Object bad : List.of(-1, 604_801, "soon", 1.5)) {
            var answer = api.post("/v1/agent-instances/" + instance + "/roll-key", Map.of("expires_in_seconds", bad));
            assertThat(answer.status()).as(bad + ": " + answer).isEqualTo(400);
            assertThat(answer.contentType()).startsWith("application/problem+json");
        }
        assertThat(start(third).status()).as("refused rolls changed nothing").isEqualTo(201);
        assertThat(api.get("/v1/audit-events").body())
                .contains("agent_instance.widget_key_rolled")
                .contains("the old key keeps working until");
    }

    @Test
    void theAgentPageRollsWithTheChosenOverlapAndAnotherOrganizationCannot() {
        var shop = shops.shop("bob@example.com");
        String old = shop.instance().publicKey();
        var owner = people.join(shop.org().organization().id(), MemberRole.OWNER);
        DashboardSession browser = DashboardSession.signedIn(port, owner);
        String page = "/app/" + shop.org().organization().id() + "/live/agents/"
                + shop.instance().id();
        assertThat(browser.get(page).body()).contains("name=\"overlap\"").contains("The old key keeps working");

        assertThat(browser.post(page + "/widget-key", Map.of("overlap", "forever"))
                        .status())
                .as("a choice the form does not offer")
                .isEqualTo(400);
        assertThat(start(old).status()).isEqualTo(201);
        var rolled = browser.post(page + "/widget-key", Map.of("overlap", "1h"));
        assertThat(rolled.status()).as(rolled.toString()).isEqualTo(302);

        String shown = browser.get(page).body();
        assertThat(shown)
                .contains("The key before the last roll works too until")
                .doesNotContain(old);
        assertThat(start(old).status()).as("the old key inside the overlap").isEqualTo(201);

        var other = fixtures.organization(Tier.PRO);
        DashboardSession outsider =
                DashboardSession.signedIn(port, people.join(other.organization().id(), MemberRole.OWNER));
        String theirs = "/app/" + other.organization().id() + "/live/agents/"
                + shop.instance().id();
        assertThat(outsider.get(theirs).status()).isEqualTo(404);
        assertThat(outsider.post(theirs + "/widget-key", Map.of("overlap", "now"))
                        .status())
                .isEqualTo(404);
        assertThat(outsider.post(page + "/widget-key", Map.of("overlap", "now")).status())
                .isEqualTo(404);
        assertThat(Http.on(port)
                        .bearer(other.liveKey())
                        .post("/v1/agent-instances/" + shop.instance().id() + "/roll-key", Map.of())
                        .status())
                .isEqualTo(404);
        assertThat(start(old).status())
                .as("the outsider's rolls changed nothing")
                .isEqualTo(201);
    }
}
