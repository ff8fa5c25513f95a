package io.supportagent.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.RedisClient;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.supportagent.SupportAgentApplication;
import io.supportagent.agents.AgentService;
import io.supportagent.platform.MemberRole;
import io.supportagent.platform.TenantContext;
import io.supportagent.platform.changes.ChangeNotifications;
import io.supportagent.support.DashboardSession;
import io.supportagent.support.Fixtures;
import io.supportagent.support.Http;
import io.supportagent.support.IntegrationTest;
import io.supportagent.support.MemberFixtures;
import io.supportagent.support.SseClient;
import io.supportagent.support.TestDatabase;
import io.supportagent.tenancy.TenancyService;
import io.supportagent.tenancy.Tier;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

/**
 * The inbox's live updates across two nodes whose change notifications go through Redis (a real one at
 * {@code TEST_REDIS_URL}, default 127.0.0.1:6379), not PostgreSQL's LISTEN: a shopper asks for a person on node one
 * and the inbox stream open on node two carries the hand-off; the member replies on node two and the widget's stream
 * on node one carries the reply. The payloads are seen on the Redis channel itself.
 */
@IntegrationTest
@Import({Fixtures.class, MemberFixtures.class})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@TestPropertySource(
        properties = {
            "support-agent.redis.url=${TEST_REDIS_URL:redis://127.0.0.1:6379}",
            "support-agent.members.mail-worker=false"
        })
class InboxStreamsOverRedisTests {

    static final String REDIS = System.getenv().getOrDefault("TEST_REDIS_URL", "redis://127.0.0.1:6379");
    static final String ORIGIN = "https://redis-inbox.example";

    static ConfigurableApplicationContext two;
    static RedisClient redis;
    static StatefulRedisPubSubConnection<String, String> subscription;
    static final BlockingQueue<String> onRedis = new LinkedBlockingQueue<>();

    @LocalServerPort
    int one;

    @Autowired
    Fixtures fixtures;

    @Autowired
    MemberFixtures people;

    @Autowired
    TenancyService tenancy;

    @Autowired
    AgentService agents;

    @Autowired
    ChangeNotifications changes;

    @BeforeAll
    static void secondNodeAndAListenerOnTheChannel() {
        two = new SpringApplicationBuilder(SupportAgentApplication.class)
                .run(
                        "--server.port=0",
                        "--support-agent.database.url=" + TestDatabase.url(),
                        "--support-agent.database.pool-size=4",
                        "--support-agent.demo.enabled=false",
                        "--support-agent.api-keys.bcrypt-cost=4",
                        "--support-agent.operator-token=op_second_node_token_for_tests_" + UUID.randomUUID(),
                        "--support-agent.redis.url=" + REDIS);
        redis = RedisClient.create(REDIS);
        subscription = redis.connectPubSub();
        subscription.addListener(new RedisPubSubAdapter<>() {
            @Override
            public void message(String channel, String message) {
                onRedis.add(message);
            }
        });
        subscription.sync().subscribe("support-agent:changes");
    }

    @AfterAll
    static void stop() {
        if (subscription != null) {
            subscription.close();
        }
        if (redis != null) {
            redis.shutdown();
        }
        if (two != null) {
            two.close();
        }
    }

    @Test
    void aHandOffOnOneNodeReachesAnInboxOnTheOtherAndTheReplyComesBackThroughRedis() throws Exception {
        assertThat(changes.listening()).isTrue();
        assertThat(two.getBean(ChangeNotifications.class).listening()).isTrue();
        int portTwo = Integer.parseInt(two.getEnvironment().getProperty("local.server.port"));
        var org = fixtures.organization(Tier.PRO);
        String widgetKey = TenantContext.callAs(org.live(), () -> {
            var store = tenancy.createStore("Redis inbox shop", "redis-inbox.example", List.of(ORIGIN));
            return agents.deploy(store.id(), agents.customerServiceV1().id(), "Assistant", "{}")
                    .publicKey();
        });
        var member = DashboardSession.signedIn(
                portTwo, people.join(org.organization().id(), MemberRole.AGENT));
        String base = "/app/" + org.organization().id() + "/live";

        try (SseClient inbox = SseClient.open(
                "http://127.0.0.1:" + portTwo + base + "/inbox/events",
                Map.of("Cookie", "SESSION=" + member.sessionCookie()))) {
            assertThat(inbox.status()).isEqualTo(200);
            assertThat(inbox.next(e -> e.name().equals("ready"), Duration.ofSeconds(5)))
                    .isNotNull();

            // The shopper, on node one, asks for a person.
            String token = "ct_" + UUID.randomUUID().toString().replace("-", "") + "abcdefghijklmnopqrstuvwxyz";
            Http shopper = Http.on(one)
                    .header("X-Widget-Key", widgetKey)
                    .header("Origin", ORIGIN)
                    .header("X-Conversation-Token", token);
            var started = shopper.post(
                    "/widget/v1/conversations",
                    Map.of("message", "I want to talk to a human", "conversation_token", token));
            assertThat(started.status()).as(started.toString()).isEqualTo(201);
            String id = started.json().get("id").asString();

            String handedOff = "conversation:" + org.organization().id() + ":" + id + ":live:handed_off";
            Awaitility.await().atMost(Duration.ofSeconds(2)).until(() -> onRedis.contains(handedOff));
            var event = inbox.next(e -> e.data().contains(id), Duration.ofSeconds(2));
            assertThat(event).as("the hand-off in the inbox on node two").isNotNull();
            assertThat(event.data()).contains("\"what\":\"handed_off\"");

            // The member replies on node two; the widget's stream is open on node one.
            try (SseClient widget = SseClient.open(
                    "http://127.0.0.1:" + one + "/widget/v1/conversations/" + id + "/events",
                    Map.of("X-Widget-Key", widgetKey, "Origin", ORIGIN, "X-Conversation-Token", token))) {
                assertThat(widget.status()).isEqualTo(200);
                assertThat(widget.next(e -> e.name().equals("ready"), Duration.ofSeconds(5)))
                        .isNotNull();
                member.get(base + "/inbox/" + id); // the page, for its CSRF token

                // Writing a reply on node two: the widget on node one shows it, and so does a colleague's inbox there.
                var colleague = DashboardSession.signedIn(
                        one, people.join(org.organization().id(), MemberRole.ADMIN));
                var beat = member.request(
                        "POST", base + "/inbox/" + id + "/presence?state=reply", Map.of("Accept", "application/json"));
                assertThat(beat.status()).as(beat.toString()).isEqualTo(200);
                assertThat(widget.next(e -> e.name().equals("typing"), Duration.ofSeconds(2)))
                        .as("typing in the widget on node one")
                        .isNotNull();
                Awaitility.await()
                        .atMost(Duration.ofSeconds(2))
                        .until(() -> onRedis.stream()
                                .anyMatch(m -> m.startsWith(
                                                "presence:" + org.organization().id() + ":" + id + ":live:")
                                        && m.endsWith(":reply")));
                assertThat(colleague
                                .get(base + "/inbox/" + id + "/presence", "application/json")
                                .body())
                        .contains("\"name\":\"Pat agent\"", "\"writing\":\"reply\"");
                assertThat(member.post(
                                        base + "/inbox/" + id + "/messages",
                                        Map.of("content", "Hi, this is Pat", "mode", "reply"))
                                .status())
                        .isEqualTo(302);

                var reply = widget.next(e -> e.data().contains("\"what\":\"message\""), Duration.ofSeconds(2));
                assertThat(reply).as("the reply in the widget on node one").isNotNull();
                String message = "conversation:" + org.organization().id() + ":" + id + ":live:message";
                Awaitility.await().atMost(Duration.ofSeconds(2)).until(() -> onRedis.contains(message));
                assertThat(shopper.get("/widget/v1/conversations/" + id).body()).contains("Hi, this is Pat");
            }
        }
    }
}
