package io.supportagent.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import io.supportagent.conversations.ConversationInbox;
import io.supportagent.conversations.Teammate;
import io.supportagent.platform.AccountId;
import io.supportagent.platform.ConversationId;
import io.supportagent.platform.MemberRole;
import io.supportagent.support.ApiFixtures;
import io.supportagent.support.Fixtures;
import io.supportagent.support.Http;
import io.supportagent.support.MeteringIntegrationTest;
import io.supportagent.support.OwnDatabase;
import io.supportagent.tenancy.Tier;
import io.supportagent.webhooks.WebhookSignature;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ContextConfiguration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The conversation events for helpdesk integrations, end to end: a hand-off, an assignment, a person's reply, a note
 * and the resolution reach an endpoint that takes all events as signed deliveries (never the note nor the system
 * message), and an endpoint that chose {@code conversation.resolved} gets that one only.
 */
@MeteringIntegrationTest
@Import(ApiFixtures.class)
// Other cached contexts' delivery workers (private targets refused) would otherwise take these deliveries first.
@ContextConfiguration(initializers = OwnDatabase.class)
class ConversationWebhookTests {

    @LocalServerPort
    int port;

    @Autowired
    Fixtures fixtures;

    @Autowired
    ApiFixtures api;

    @Autowired
    ConversationInbox inbox;

    HttpServer server;
    final List<Received> received = new CopyOnWriteArrayList<>();

    record Received(String path, String signature, JsonNode event) {}

    @BeforeEach
    void startReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            received.add(new Received(
                    exchange.getRequestURI().getPath(),
                    exchange.getRequestHeaders().getFirst(WebhookSignature.HEADER),
                    JsonMapper.builder().build().readTree(body)));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stopReceiver() {
        server.stop(0);
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    @Test
    void handOffAssignmentRepliesAndResolutionAreSignedEventsForTheEndpointsThatChoseThem() {
        var org = fixtures.organization(Tier.PRO);
        Http http = Http.on(port).bearer(org.liveKey());
        var all = http.post("/v1/webhook-endpoints", Map.of("url", url("/all")));
        assertThat(all.status()).isEqualTo(201);
        assertThat(all.json().get("enabled_events").get(0).asString()).isEqualTo("*");
        var resolvedOnly = http.post(
                "/v1/webhook-endpoints",
                Map.of("url", url("/resolved"), "enabled_events", List.of("conversation.resolved")));
        assertThat(resolvedOnly.status()).as(resolvedOnly.toString()).isEqualTo(201);
        assertThat(http.post(
                                "/v1/webhook-endpoints",
                                Map.of("url", url("/x"), "enabled_events", List.of("conversation.exploded")))
                        .status())
                .isEqualTo(400);

        String conversation = handedOff(org, http);

        var person = new Teammate(new AccountId(UUID.randomUUID()), "Sam");
        ConversationId id = ConversationId.parse(conversation);
        InboxTestSupport.asMember(person.accountId(), org.organization().id(), true, MemberRole.AGENT, () -> {
            inbox.claim(id, person);
            inbox.note(id, person, "Customer sounds upset; check order 1001");
            inbox.reply(id, person, "Hi, Sam here.");
            return inbox.resolve(id, false); // without the shopper's survey: integrations are told
        });

        await().atMost(Duration.ofSeconds(10))
                .until(() ->
                        received.stream().filter(r -> r.path().equals("/all")).count() >= 6);
        List<Received> toAll =
                received.stream().filter(r -> r.path().equals("/all")).toList();
        assertThat(toAll.stream().map(r -> r.event().get("type").asString()))
                .containsExactlyInAnyOrder(
                        "message.created", // the shopper's question
                        "message.created", // the AI's answer that a person will reply
                        "conversation.handed_off",
                        "conversation.assigned",
                        "message.created", // Sam's reply
                        "conversation.resolved");
        assertThat(toAll)
                .allSatisfy(r -> assertThat(r.signature()).startsWith("t=").contains(",v1="));
        String bodies = toAll.stream().map(r -> r.event().toString()).reduce("", String::concat);
        assertThat(bodies).doesNotContain("Customer sounds upset").doesNotContain("Handed to a person");
        JsonNode handedOff = event(toAll, "conversation.handed_off");
        assertThat(handedOff.get("data").get("conversation").get("id").asString())
                .isEqualTo(conversation);
        assertThat(handedOff.get("data").get("reason").asString()).contains("person");
        assertThat(event(toAll, "conversation.resolved")
                        .get("data")
                        .get("conversation")
                        .get("rating_requested")
                        .asBoolean(true))
                .isFalse();
        assertThat(event(toAll, "conversation.assigned")
                        .get("data")
                        .get("assignee")
                        .get("name")
                        .asString())
                .isEqualTo("Sam");
        assertThat(toAll.stream()
                        .map(r -> r.event().get("data"))
                        .filter(d -> d.has("message"))
                        .map(d -> d.get("message").get("role").asString()))
                .containsExactlyInAnyOrder("customer", "agent", "human_agent");

        await().atMost(Duration.ofSeconds(5))
                .until(() -> received.stream().anyMatch(r -> r.path().equals("/resolved")));
        assertThat(received.stream()
                        .filter(r -> r.path().equals("/resolved"))
                        .map(r -> r.event().get("type").asString()))
                .containsExactly("conversation.resolved");

        // An endpoint changes its mind: all events again.
        String resolvedId = resolvedOnly.json().get("id").asString();
        var updated = http.post("/v1/webhook-endpoints/" + resolvedId, Map.of("enabled_events", List.of("*")));
        assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
        assertThat(updated.json().get("enabled_events").get(0).asString()).isEqualTo("*");
        assertThat(http.post("/v1/webhook-endpoints/" + UUID.randomUUID(), Map.of("enabled_events", List.of("*")))
                        .status())
                .isEqualTo(404);
    }

    @Test
    void aConversationHandedBackToTheAiTellsWhoHadItAndWhoGaveItBackButNotTheTeamsNote() {
        var org = fixtures.organization(Tier.PRO);
        Http http = Http.on(port).bearer(org.liveKey());
        var chosen = http.post(
                "/v1/webhook-endpoints",
                Map.of(
                        "url",
                        url("/mirror"),
                        "enabled_events",
                        List.of("conversation.assigned", "conversation.unassigned", "conversation.handed_back")));
        assertThat(chosen.status()).as(chosen.toString()).isEqualTo(201);
        String conversation = handedOff(org, http);

        var sam = new Teammate(new AccountId(UUID.randomUUID()), "Sam");
        ConversationId id = ConversationId.parse(conversation);
        InboxTestSupport.asMember(sam.accountId(), org.organization().id(), true, MemberRole.AGENT, () -> {
            inbox.claim(id, sam);
            return inbox.handBack(id, sam, "Calm again; the AI may offer store credit");
        });

        await().atMost(Duration.ofSeconds(10)).until(() -> received.size() >= 3);
        assertThat(received.stream().map(r -> r.event().get("type").asString()))
                .containsExactlyInAnyOrder(
                        "conversation.assigned", "conversation.unassigned", "conversation.handed_back");
        JsonNode unassigned = event(received, "conversation.unassigned").get("data");
        assertThat(unassigned.get("reason").asString()).isEqualTo("handed_back");
        assertThat(unassigned.get("previous_assignee").get("name").asString()).isEqualTo("Sam");
        assertThat(unassigned.get("conversation").get("assignee_name").isNull()).isTrue();
        JsonNode handedBack = event(received, "conversation.handed_back").get("data");
        assertThat(handedBack.get("handed_back_by").get("account_id").asString())
                .isEqualTo(sam.accountId().toString());
        assertThat(handedBack.get("conversation").get("owner").asString()).isEqualTo("ai");
        assertThat(handedBack.get("conversation").get("status").asString()).isEqualTo("open");
        // The note for the team with the hand-back is a note: in no delivery.
        assertThat(received.stream().map(r -> r.event().toString())).noneMatch(b -> b.contains("store credit"));
    }

    /** A new conversation of a deployed agent whose shopper asked for a person: handed off, its id. */
    private String handedOff(Fixtures.Org org, Http http) {
        var deployed = api.deploy(org);
        String conversation = http.post(
                        "/v1/conversations",
                        Map.of("agent_instance_id", deployed.instance().id().toString()))
                .json()
                .get("id")
                .asString();
        var asked = http.post(
                "/v1/conversations/" + conversation + "/messages",
                Map.of("role", "customer", "content", "I want to talk to a human"));
        assertThat(asked.json().get("conversation").get("status").asString()).isEqualTo("handed_off");
        return conversation;
    }

    private static JsonNode event(List<Received> received, String type) {
        return received.stream()
                .map(Received::event)
                .filter(e -> e.get("type").asString().equals(type))
                .findFirst()
                .orElseThrow();
    }
}
