package io.supportagent.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.supportagent.agents.AgentService;
import io.supportagent.platform.MemberRole;
import io.supportagent.platform.TenantContext;
import io.supportagent.support.DashboardSession;
import io.supportagent.support.DashboardTest;
import io.supportagent.support.Fixtures;
import io.supportagent.support.Http;
import io.supportagent.support.MemberFixtures;
import io.supportagent.tenancy.TenancyService;
import io.supportagent.tenancy.Tier;
import java.util.List;
import java.util.Map;
import java.util.UUID;
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

    static final String ORIGIN = "https://inbox-shop.example";

    @LocalServerPort
    int port;

    @Autowired
    Fixtures fixtures;

    @Autowired
    MemberFixtures people;

    @Autowired
    TenancyService tenancy;

    @Autowired
    AgentService agents;

    record Shop(Fixtures.Org org, String widgetKey, String instance) {

        String base() {
            return "/app/" + org.organization().id() + "/live";
        }
    }

    Shop shop() {
        var org = fixtures.organization(Tier.PRO);
        return TenantContext.callAs(org.live(), () -> {
            var store = tenancy.createStore("Inbox shop", "inbox-shop.example", List.of(ORIGIN));
            var instance = agents.deploy(store.id(), agents.customerServiceV1().id(), "Assistant", "{}");
            return new Shop(org, instance.publicKey(), instance.id().toString());
        });
    }

    /** A widget conversation whose shopper asked for a person: its id and token. */
    String[] handedOff(Shop shop) {
        String token = "ct_" + UUID.randomUUID().toString().replace("-", "") + "abcdefghijklmnopqrstuvwxyz";
        var started = widget(shop, token)
                .post(
                        "/widget/v1/conversations",
                        Map.of("message", "I want to talk to a human", "conversation_token", token));
        assertThat(started.status()).as(started.toString()).isEqualTo(201);
        assertThat(started.json().get("conversation").get("status").asString()).isEqualTo("handed_off");
        return new String[] {started.json().get("id").asString(), token};
    }

    Http widget(Shop shop, String token) {
        Http http = Http.on(port).header("X-Widget-Key", shop.widgetKey()).header("Origin", ORIGIN);
        return token == null ? http : http.header("X-Conversation-Token", token);
    }

    @Test
    void billingCannotOpenTheInboxWhileAgentsAdminsAndOwnersCan() {
        var shop = shop();
        String id = handedOff(shop)[0];
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
        String theirConversation = handedOff(theirs)[0];
        var agent = people.join(mine.org().organization().id(), MemberRole.AGENT);
        DashboardSession browser = DashboardSession.signedIn(port, agent);
        browser.get(mine.base() + "/inbox"); // for a current CSRF token

        assertThat(browser.get(mine.base() + "/inbox/" + theirConversation).status())
                .isEqualTo(404);
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
        String live = handedOff(mine)[0];
        String testBase = "/app/" + mine.org().organization().id() + "/test";
        assertThat(browser.get(testBase + "/inbox").body()).doesNotContain(live);
        assertThat(browser.get(testBase + "/inbox/" + live).status()).isEqualTo(404);
        assertThat(browser.get(mine.base() + "/inbox").body()).contains(live);

        // The widget: another conversation's events or rating with this token answer 404.
        String[] own = handedOff(mine);
        assertThat(widget(mine, own[1])
                        .get("/widget/v1/conversations/" + theirConversation + "/events")
                        .status())
                .isEqualTo(404);
        assertThat(widget(mine, own[1])
                        .post("/widget/v1/conversations/" + theirConversation + "/rating", Map.of("rating", 5))
                        .status())
                .isEqualTo(404);
    }

    @Test
    void aClaimWonBySomeoneElseSaysWhoAndNotesNeverReachTheShopperOrTheApi() {
        var shop = shop();
        String[] conversation = handedOff(shop);
        String id = conversation[0];
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

        var history = widget(shop, conversation[1]).get("/widget/v1/conversations/" + id);
        assertThat(history.status()).isEqualTo(200);
        assertThat(history.body()).doesNotContain("Secret").contains("Hello from Pat");
        assertThat(history.json().get("agent_name").asString()).isEqualTo("Pat agent");
        var api = Http.on(port).bearer(shop.org().liveKey()).get("/v1/conversations/" + id);
        assertThat(api.body()).doesNotContain("Secret").contains("Hello from Pat");

        // Rating: not before resolution, 1–5 only, once.
        Http shopper = widget(shop, conversation[1]);
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
        assertThat(widget(shop, conversation[1])
                        .get("/widget/v1/conversations/" + id)
                        .json()
                        .get("rating")
                        .asInt())
                .isEqualTo(4);
    }
}
