package io.supportagent.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.supportagent.agents.AgentService;
import io.supportagent.platform.MemberRole;
import io.supportagent.platform.TenantContext;
import io.supportagent.platform.db.PlatformJdbc;
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
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Unread is each member's own, over HTTP through the real chain: a conversation one member opened stays unread for the
 * others, a new shopper message makes it unread again, a conversation someone else took is not "mine to read", and a
 * member of another organization can neither open it nor leave a read mark on it.
 */
@DashboardTest
class InboxReadStateTests {

    static final String ORIGIN = "https://reads-shop.example";

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

    @Autowired
    PlatformJdbc platform;

    record Shop(Fixtures.Org org, String widgetKey) {

        String base() {
            return "/app/" + org.organization().id() + "/live";
        }
    }

    Shop shop() {
        var org = fixtures.organization(Tier.PRO);
        return TenantContext.callAs(org.live(), () -> {
            var store = tenancy.createStore("Reads shop", "reads-shop.example", List.of(ORIGIN));
            var instance = agents.deploy(store.id(), agents.customerServiceV1().id(), "Assistant", "{}");
            return new Shop(org, instance.publicKey());
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
        return new String[] {started.json().get("id").asString(), token};
    }

    Http widget(Shop shop, String token) {
        return Http.on(port)
                .header("X-Widget-Key", shop.widgetKey())
                .header("Origin", ORIGIN)
                .header("X-Conversation-Token", token);
    }

    static JsonNode counts(DashboardSession browser, Shop shop) {
        var page = browser.get(shop.base() + "/inbox/counts", "application/json");
        assertThat(page.status()).as(page.toString()).isEqualTo(200);
        return JsonMapper.builder().build().readTree(page.body());
    }

    @Test
    void aConversationOneMemberOpenedStaysUnreadForTheOthersUntilANewShopperMessage() {
        var shop = shop();
        String[] conversation = handedOff(shop);
        String id = conversation[0];
        var ana = DashboardSession.signedIn(
                port, people.join(shop.org().organization().id(), MemberRole.AGENT));
        var bo = DashboardSession.signedIn(
                port, people.join(shop.org().organization().id(), MemberRole.ADMIN));
        assertThat(counts(ana, shop).get("unread").asInt()).isEqualTo(1);
        assertThat(counts(bo, shop).get("unread").asInt()).isEqualTo(1);

        assertThat(ana.get(shop.base() + "/inbox/" + id).status()).isEqualTo(200);

        assertThat(counts(ana, shop).get("unread").asInt()).isZero();
        assertThat(counts(bo, shop).get("unread").asInt())
                .as("another member's reading")
                .isEqualTo(1);
        assertThat(counts(bo, shop).get("waiting").asInt()).isEqualTo(1);
        assertThat(ana.get(shop.base() + "/inbox").body()).doesNotContain("unread-dot");
        assertThat(bo.get(shop.base() + "/inbox").body())
                .contains("queue-item unread")
                .contains("new message");

        // The shopper writes again: unread for the one who had read it.
        var more = widget(shop, conversation[1])
                .post("/widget/v1/conversations/" + id + "/messages", Map.of("content", "Hello? Anyone?"));
        assertThat(more.status()).as(more.toString()).isEqualTo(201);
        assertThat(counts(ana, shop).get("unread").asInt()).isEqualTo(1);

        // Bo takes it and reads it: for Ana it is someone else's now, so not hers to read.
        bo.get(shop.base() + "/inbox/" + id);
        assertThat(bo.post(shop.base() + "/inbox/" + id + "/claim", Map.of()).status())
                .isEqualTo(302);
        assertThat(counts(bo, shop).get("unread").asInt()).isZero();
        assertThat(counts(ana, shop).get("unread").asInt()).isZero();
        assertThat(counts(ana, shop).get("mine").asInt()).isZero();
        assertThat(counts(bo, shop).get("mine").asInt()).isEqualTo(1);
    }

    @Test
    void aMemberOfAnotherOrganizationCannotOpenItNorLeaveAReadMarkOnIt() {
        var mine = shop();
        var theirs = shop();
        String theirConversation = handedOff(theirs)[0];
        var me = DashboardSession.signedIn(
                port, people.join(mine.org().organization().id(), MemberRole.OWNER));
        var them = DashboardSession.signedIn(
                port, people.join(theirs.org().organization().id(), MemberRole.AGENT));

        assertThat(me.get(mine.base() + "/inbox/" + theirConversation).status()).isEqualTo(404);
        assertThat(me.get("/app/" + theirs.org().organization().id() + "/live/inbox/" + theirConversation)
                        .status())
                .isEqualTo(404);

        assertThat(readMarks(theirConversation)).isZero();
        assertThat(counts(me, mine).get("unread").asInt()).isZero();
        assertThat(counts(me, mine).get("waiting").asInt()).isZero();
        assertThat(counts(them, theirs).get("unread").asInt()).isEqualTo(1);
        them.get(theirs.base() + "/inbox/" + theirConversation);
        assertThat(readMarks(theirConversation)).isEqualTo(1);
        assertThat(counts(them, theirs).get("unread").asInt()).isZero();
    }

    private long readMarks(String conversation) {
        return platform.jdbc()
                .sql("SELECT count(*) FROM conversation_reads WHERE conversation_id = :id")
                .param("id", UUID.fromString(conversation))
                .query(Long.class)
                .single();
    }
}
