package io.supportagent.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.supportagent.platform.MemberRole;
import io.supportagent.support.DashboardSession;
import io.supportagent.support.Fixtures;
import io.supportagent.support.IntegrationTest;
import io.supportagent.support.MemberFixtures;
import io.supportagent.support.SseClient;
import io.supportagent.tenancy.Tier;
import java.time.Duration;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

/**
 * An inbox stream that reaches its timeout (1 s here, 30 minutes by default) ends as a response ends, with its last
 * chunk, so that the client sees the end of the stream and reconnects. Before, Spring answered the timeout with an
 * error on a response long begun, and the connection was cut: a Java client read {@code IOException: closed} on
 * every stream opened at the same moment, all at once (the inbox benchmark's lost streams).
 */
@IntegrationTest
@Import({Fixtures.class, MemberFixtures.class})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@TestPropertySource(properties = {"support-agent.inbox.stream-timeout=1s", "support-agent.members.mail-worker=false"})
class ConversationStreamTimeoutTests {

    @LocalServerPort
    int port;

    @Autowired
    Fixtures fixtures;

    @Autowired
    MemberFixtures people;

    @Autowired
    io.supportagent.tenancy.TenancyService tenancy;

    @Autowired
    io.supportagent.agents.AgentService agents;

    @Test
    void aStreamEndsCleanlyAtItsTimeoutAndTheNextOneOpens() throws Exception {
        var org = fixtures.organization(Tier.PRO).organization().id();
        var member = DashboardSession.signedIn(port, people.join(org, MemberRole.AGENT));
        String url = "http://127.0.0.1:" + port + "/app/" + org + "/live/inbox/events";
        Map<String, String> cookie = Map.of("Cookie", "SESSION=" + member.sessionCookie());

        for (int round = 0; round < 2; round++) {
            try (SseClient stream = SseClient.open(url, cookie)) {
                assertThat(stream.status()).isEqualTo(200);
                assertThat(stream.next(e -> e.name().equals("ready"), Duration.ofSeconds(5)))
                        .isNotNull();
                Awaitility.await().atMost(Duration.ofSeconds(10)).until(stream::ended);
                assertThat(stream.cut()).as("the stream was cut, not ended").isFalse();
            }
        }
    }

    @Test
    void aWidgetsStreamEndsCleanlyAtItsTimeoutToo() throws Exception {
        var org = fixtures.organization(Tier.PRO);
        String origin = "https://timeout-shop.example";
        String key = io.supportagent.platform.TenantContext.callAs(org.live(), () -> {
            var store = tenancy.createStore("Timeout shop", "timeout-shop.example", java.util.List.of(origin));
            return agents.deploy(store.id(), agents.customerServiceV1().id(), "Assistant", "{}")
                    .publicKey();
        });
        String token = "ct_" + java.util.UUID.randomUUID().toString().replace("-", "") + "abcdefghijklmnopqrstuvwxyz";
        Map<String, String> widget = Map.of("X-Widget-Key", key, "Origin", origin, "X-Conversation-Token", token);
        var started = io.supportagent.support.Http.on(port)
                .header("X-Widget-Key", key)
                .header("Origin", origin)
                .post(
                        "/widget/v1/conversations",
                        Map.of("message", "I want to talk to a human", "conversation_token", token));
        assertThat(started.status()).as(started.toString()).isEqualTo(201);

        try (SseClient stream = SseClient.open(
                "http://127.0.0.1:" + port + "/widget/v1/conversations/"
                        + started.json().get("id").asString() + "/events",
                widget)) {
            assertThat(stream.status()).isEqualTo(200);
            assertThat(stream.next(e -> e.name().equals("ready"), Duration.ofSeconds(5)))
                    .isNotNull();
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(stream::ended);
            assertThat(stream.cut()).as("the stream was cut, not ended").isFalse();
        }
    }
}
