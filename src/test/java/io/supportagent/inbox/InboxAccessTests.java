package io.supportagent.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.supportagent.platform.MemberRole;
import io.supportagent.support.AgentFixtures;
import io.supportagent.support.DashboardSession;
import io.supportagent.support.DashboardTest;
import io.supportagent.support.Http;
import io.supportagent.support.MemberFixtures;
import io.supportagent.support.WidgetShop;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Who opens the inbox and what it lets them touch, over HTTP through the real chain: roles (billing: 403), other
 * organizations' and the other mode's conversations (404, in the dashboard and the widget), a claim that someone
 * else won, notes that never reach the shopper nor the organization API, and the shopper's rating rules.
 */
@DashboardTest
class InboxAccessTests {

    @LocalServerPort
    int port;

    @Autowired
    MemberFixtures people;

    @Autowired
    AgentFixtures shops;

    WidgetShop shop() {
        return WidgetShop.open(shops, port);
    }

    @Test
    void billingCannotOpenTheInboxWhileAgentsAdminsAndOwnersCan() {
        var shop = shop();
        String id = shop.handedOff().id();
        for (MemberRole role : MemberRole.values()) {
            var person = people.join(shop.org().organization().id(), role);
            DashboardSession browser = DashboardSession.signedIn(port, person);
            int expected = role == MemberRole.BILLING ? 403 : 200;
            assertThat(browser.get(shop.base() + "/inbox").status())
                    .as(role + " inbox")
                    .isEqualTo(expected);
            assertThat(browser.get(shop.base() + "/inbox/" + id).status())
                    .as(role + " conversation")
                    .isEqualTo(expected);
            assertThat(browser.get(shop.base() + "/inbox/queue").status())
                    .as(role + " queue's refresh")
                    .isEqualTo(expected);
            assertThat(browser.get(shop.base() + "/inbox/" + id + "/panel").status())
                    .as(role + " conversation's refresh")
                    .isEqualTo(expected);
            if (role == MemberRole.BILLING) {
                assertThat(browser.get(shop.base() + "/inbox/counts").status()).isEqualTo(403);
                assertThat(browser.get(shop.base() + "/inbox/events").status()).isEqualTo(403);
                browser.get(shop.base()); // a page of theirs, for a current CSRF token
                assertThat(browser.post(shop.base() + "/inbox/" + id + "/claim", Map.of())
                                .status())
                        .isEqualTo(403);
                assertThat(browser.get("/app/inbox").status()).isEqualTo(403);
                assertThat(browser.get(shop.base()).body()).doesNotContain("icon-inbox");
            } else {
                var entry = browser.get("/app/inbox");
                assertThat(entry.status()).isEqualTo(302);
                assertThat(entry.location()).endsWith(shop.base() + "/inbox");
            }
        }
    }

    @Test
    void whatAPagesScriptAskedForWithoutASessionIsNotWhereSigningInLeads() {
        var shop = shop();
        var agent = people.join(shop.org().organization().id(), MemberRole.AGENT);
        DashboardSession browser = DashboardSession.anonymous(port);
        // The inbox's stream reconnecting, and its counts, after the session ended: sent to sign in, not remembered.
        assertThat(browser.get(shop.base() + "/inbox/events", "text/event-stream")
                        .status())
                .isEqualTo(302);
        assertThat(browser.get(shop.base() + "/inbox/counts", "*/*").status()).isEqualTo(302);

        var signedIn = browser.signIn(agent.email(), agent.password());

        assertThat(signedIn.status()).isEqualTo(302);
        assertThat(signedIn.location()).doesNotContain("/inbox/events").doesNotContain("/inbox/counts");
        // A page the person navigated to still is.
        DashboardSession again = DashboardSession.anonymous(port);
        assertThat(again.get(shop.base() + "/inbox").status()).isEqualTo(302);
        assertThat(again.signIn(agent.email(), agent.password()).location()).contains(shop.base() + "/inbox");
    }

    @Test
    void anotherOrganizationsOrModesConversationIsNotFound() {
        var mine = shop();
        var theirs = shop();
        String theirConversation = theirs.handedOff().id();
        var agent = people.join(mine.org().organization().id(), MemberRole.AGENT);
        DashboardSession browser = DashboardSession.signedIn(port, agent);
        browser.get(mine.base() + "/inbox"); // for a current CSRF token

        assertThat(browser.get(mine.base() + "/inbox/" + theirConversation).status())
                .isEqualTo(404);
        assertThat(browser.get(mine.base() + "/inbox/" + theirConversation + "/panel")
                        .status())
                .isEqualTo(404);
        assertThat(browser.get(mine.base() + "/inbox/queue").body()).doesNotContain(theirConversation);
        browser.get(mine.base() + "/inbox");
        for (String action : List.of("claim", "hand-back", "resolve")) {
            assertThat(browser.post(mine.base() + "/inbox/" + theirConversation + "/" + action, Map.of())
                            .status())
                    .as(action)
                    .isEqualTo(404);
        }
        assertThat(browser.post(
                                mine.base() + "/inbox/" + theirConversation + "/messages",
                                Map.of("content", "hello", "mode", "reply"))
                        .status())
                .isEqualTo(404);
        assertThat(browser.get(mine.base() + "/inbox/not-a-uuid").status()).isEqualTo(404);
        assertThat(browser.get(mine.base() + "/inbox").body()).doesNotContain(theirConversation);
        // Their organization in the URL: the chain answers 404 before any handler.
        assertThat(browser.get("/app/" + theirs.org().organization().id() + "/live/inbox/" + theirConversation)
                        .status())
                .isEqualTo(404);

        // Live conversations are not in the test inbox, nor openable there.
        String live = mine.handedOff().id();
        String testBase = "/app/" + mine.org().organization().id() + "/test";
        assertThat(browser.get(testBase + "/inbox").body()).doesNotContain(live);
        assertThat(browser.get(testBase + "/inbox/" + live).status()).isEqualTo(404);
        assertThat(browser.get(mine.base() + "/inbox").body()).contains(live);

        // The widget: another conversation's events or rating with this token answer 404.
        WidgetShop.Chat own = mine.handedOff();
        assertThat(mine.widget(own.token())
                        .get("/widget/v1/conversations/" + theirConversation + "/events")
                        .status())
                .isEqualTo(404);
        assertThat(mine.widget(own.token())
                        .post("/widget/v1/conversations/" + theirConversation + "/rating", Map.of("rating", 5))
                        .status())
                .isEqualTo(404);
    }

    @Test
    void aClaimWonBySomeoneElseSaysWhoAndNotesNeverReachTheShopperOrTheApi() {
        var shop = shop();
        WidgetShop.Chat conversation = shop.handedOff();
        String id = conversation.id();
        var ana = DashboardSession.signedIn(
                port, people.join(shop.org().organization().id(), MemberRole.AGENT));
        var bo = DashboardSession.signedIn(
                port, people.join(shop.org().organization().id(), MemberRole.ADMIN));
        ana.get(shop.base() + "/inbox/" + id); // pages of theirs, for current CSRF tokens
        bo.get(shop.base() + "/inbox/" + id);

        assertThat(ana.post(shop.base() + "/inbox/" + id + "/claim", Map.of()).status())
                .isEqualTo(302);
        var lost = bo.post(shop.base() + "/inbox/" + id + "/claim", Map.of());
        assertThat(lost.status()).isEqualTo(409);
        assertThat(lost.body()).contains("Claimed by Pat agent");
        var refused = bo.post(shop.base() + "/inbox/" + id + "/messages", Map.of("content", "Me too", "mode", "reply"));
        assertThat(refused.status())
                .as("a reply to someone else's conversation")
                .isEqualTo(409);

        assertThat(ana.post(
                                shop.base() + "/inbox/" + id + "/messages",
                                Map.of("content", "Secret: refund approved internally", "mode", "note"))
                        .status())
                .isEqualTo(302);
        var replied = ana.post(
                shop.base() + "/inbox/" + id + "/messages", Map.of("content", "Hello from Pat", "mode", "reply"));
        assertThat(replied.status()).isEqualTo(302);
        assertThat(replied.location()).contains("mode=reply");
        assertThat(ana.get(shop.base() + "/inbox/" + id).body())
                .contains("Secret: refund approved internally")
                .contains("Hello from Pat");

        var history = shop.widget(conversation.token()).get("/widget/v1/conversations/" + id);
        assertThat(history.status()).isEqualTo(200);
        assertThat(history.body()).doesNotContain("Secret").contains("Hello from Pat");
        assertThat(history.json().get("agent_name").asString()).isEqualTo("Pat agent");
        var api = Http.on(port).bearer(shop.org().liveKey()).get("/v1/conversations/" + id);
        assertThat(api.body()).doesNotContain("Secret").contains("Hello from Pat");

        // Rating: not before resolution, 1–5 only, once.
        Http shopper = shop.widget(conversation.token());
        String rating = "/widget/v1/conversations/" + id + "/rating";
        assertThat(shopper.post(rating, Map.of("rating", 5)).status()).isEqualTo(409);
        assertThat(ana.post(shop.base() + "/inbox/" + id + "/resolve", Map.of()).status())
                .isEqualTo(302);
        assertThat(shopper.post(rating, Map.of("rating", 6)).status()).isEqualTo(400);
        assertThat(shopper.post(rating, Map.of("rating", "five")).status()).isEqualTo(400);
        var rated = shopper.post(rating, Map.of("rating", 4, "comment", "Good"));
        assertThat(rated.status()).as(rated.toString()).isEqualTo(200);
        assertThat(rated.json().get("rating").asInt()).isEqualTo(4);
        assertThat(shopper.post(rating, Map.of("rating", 1)).status()).isEqualTo(409);
        assertThat(shop.widget(conversation.token())
                        .get("/widget/v1/conversations/" + id)
                        .json()
                        .get("rating")
                        .asInt())
                .isEqualTo(4);
    }
}
