package io.supportagent.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.supportagent.platform.MemberRole;
import io.supportagent.support.AgentFixtures;
import io.supportagent.support.DashboardSession;
import io.supportagent.support.DashboardTest;
import io.supportagent.support.MemberFixtures;
import io.supportagent.support.SseClient;
import io.supportagent.support.WidgetShop;
import java.time.Duration;
import java.util.Map;
import java.util.function.Predicate;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Presence and typing over HTTP through the real chain (sessions, CSRF) and real event streams: a member who has a
 * conversation open is seen by the others of the organization (and what they write: a reply or a note), pushed to
 * their open inboxes; the shopper's open widget hears that someone types a reply, never a note; another organization's
 * member neither sees nor touches any of it.
 */
@DashboardTest
class InboxPresenceTests {

    @LocalServerPort
    int port;

    @Autowired
    MemberFixtures people;

    @Autowired
    AgentFixtures shops;

    @Test
    void membersSeeWhoElseIsThereAndTheShopperSeesTypingOfRepliesOnly() throws Exception {
        var shop = WidgetShop.open(shops, port);
        var chat = shop.handedOff();
        String page = shop.base() + "/inbox/" + chat.id();
        String presence = page + "/presence";
        var anaPerson = people.join(shop.org().organization().id(), MemberRole.AGENT);
        var ana = DashboardSession.signedIn(port, anaPerson);
        var bo = DashboardSession.signedIn(
                port, people.join(shop.org().organization().id(), MemberRole.ADMIN));
        assertThat(ana.get(page).body()).contains("data-presence-url=\"" + presence + "\"");
        bo.get(page);

        try (SseClient boInbox = SseClient.open(
                        "http://127.0.0.1:" + port + shop.base() + "/inbox/events",
                        Map.of("Cookie", "SESSION=" + bo.sessionCookie()));
                SseClient widget = SseClient.open(
                        "http://127.0.0.1:" + port + "/widget/v1/conversations/" + chat.id() + "/events",
                        Map.of(
                                "X-Widget-Key", shop.shop().instance().publicKey(),
                                "Origin", AgentFixtures.ORIGIN,
                                "X-Conversation-Token", chat.token()))) {
            assertThat(boInbox.status()).isEqualTo(200);
            assertThat(widget.status()).isEqualTo(200);
            assertThat(boInbox.next(e -> e.name().equals("ready"), Duration.ofSeconds(5)))
                    .isNotNull();
            assertThat(widget.next(e -> e.name().equals("ready"), Duration.ofSeconds(5)))
                    .isNotNull();

            // Without the page's token: refused, nobody is there.
            assertThat(ana.postWithoutToken(presence, Map.of("state", "viewing"))
                            .status())
                    .isEqualTo(403);
            assertThat(bo.get(presence, "application/json").body()).isEqualTo("[]");

            // Ana opens it: alone there; Bo's open inbox is told, and Bo sees her viewing.
            var first = beat(ana, presence, "viewing");
            assertThat(first.status()).as(first.toString()).isEqualTo(200);
            assertThat(first.body()).isEqualTo("[]");
            assertThat(boInbox.next(
                            e -> e.name().equals("presence") && e.data().contains(chat.id()), Duration.ofSeconds(5)))
                    .isNotNull();
            String seen = until(bo, presence, b -> b.contains("Pat agent"));
            assertThat(seen)
                    .contains("\"name\":\"Pat agent\"", "\"initials\":\"PA\"")
                    .doesNotContain("\"writing\":\"");
            // Bo opens it too: Ana is told he is there.
            assertThat(beat(bo, presence, "viewing").body()).contains("\"Pat agent\"");
            until(ana, presence, b -> b.contains("\"Pat admin\""));

            // Ana writes a note: Bo sees her writing it; the shopper's widget hears nothing at all.
            assertThat(beat(ana, presence, "note").status()).isEqualTo(200);
            until(bo, presence, b -> b.contains("\"writing\":\"note\""));
            assertThat(widget.next(e -> !e.name().equals("ready"), Duration.ofSeconds(2)))
                    .as("anything for the shopper while a note is written")
                    .isNull();

            // Ana writes a reply: the widget hears someone types (not its assignee: nobody took it yet).
            assertThat(beat(ana, presence, "reply").status()).isEqualTo(200);
            until(bo, presence, b -> b.contains("\"writing\":\"reply\""));
            var typing = widget.next(e -> e.name().equals("typing"), Duration.ofSeconds(5));
            assertThat(typing).isNotNull();
            assertThat(typing.data()).contains(chat.id()).contains("\"assignee\":false");
            // Once she took it, her typing is the assignee's (the widget shows her name).
            assertThat(ana.post(page + "/claim", Map.of()).status()).isEqualTo(302);
            ana.get(page);
            beat(ana, presence, "reply");
            assertThat(widget.next(e -> e.name().equals("typing"), Duration.ofSeconds(5))
                            .data())
                    .contains("\"assignee\":true");

            // Bad input: problems, never a 500.
            var badState = beat(ana, presence, "shouting");
            assertThat(badState.status()).isEqualTo(400);
            assertThat(badState.header("Content-Type")).startsWith("application/problem+json");
            assertThat(beat(ana, shop.base() + "/inbox/not-a-conversation/presence", "viewing")
                            .status())
                    .isEqualTo(404);
            assertThat(beat(ana, shop.base() + "/inbox/00000000-0000-4000-8000-000000000000/presence", "reply")
                            .status())
                    .isEqualTo(404);
            assertThat(ana.get(shop.base() + "/inbox/00000000-0000-4000-8000-000000000000/presence", "application/json")
                            .status())
                    .isEqualTo(404);

            // Another organization's member: the conversation is not found through her organization, and hers is
            // not her way into this one; she never appears, nor does she see anyone.
            var other = WidgetShop.open(shops, port);
            var eve = DashboardSession.signedIn(
                    port, people.join(other.org().organization().id(), MemberRole.OWNER));
            eve.get(other.base() + "/inbox");
            var hers = beat(eve, other.base() + "/inbox/" + chat.id() + "/presence", "reply");
            assertThat(hers.status()).isEqualTo(404);
            assertThat(hers.header("Content-Type")).startsWith("application/problem+json");
            assertThat(eve.get(other.base() + "/inbox/" + chat.id() + "/presence", "application/json")
                            .status())
                    .isEqualTo(404);
            assertThat(beat(eve, presence, "reply").status()).isBetween(400, 499);
            assertThat(eve.get(presence, "application/json").status()).isBetween(300, 499);
            assertThat(bo.get(presence, "application/json").body())
                    .contains("Pat agent")
                    .doesNotContain("Pat owner");
            assertThat(widget.next(e -> e.name().equals("typing"), Duration.ofSeconds(2)))
                    .as("typing from another organization's member")
                    .isNull();

            // Ana leaves: gone for Bo at once.
            assertThat(beat(ana, presence, "left").status()).isEqualTo(200);
            until(bo, presence, b -> b.equals("[]"));
        }
    }

    /** As the page's script says it is there: the CSRF token in its header, JSON asked for. */
    private static DashboardSession.Page beat(DashboardSession session, String path, String state) {
        return session.request("POST", path + "?state=" + state, Map.of("Accept", "application/json"));
    }

    /** The presence answer once it matches: it travels between nodes (here one node, through PostgreSQL NOTIFY). */
    private static String until(DashboardSession session, String path, Predicate<String> wanted) {
        return Awaitility.await()
                .atMost(Duration.ofSeconds(5))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> session.get(path, "application/json").body(), wanted);
    }
}
