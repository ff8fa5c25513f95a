package io.supportagent.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.supportagent.platform.MemberRole;
import io.supportagent.platform.db.PlatformJdbc;
import io.supportagent.support.AgentFixtures;
import io.supportagent.support.DashboardSession;
import io.supportagent.support.DashboardTest;
import io.supportagent.support.MemberFixtures;
import io.supportagent.support.WidgetShop;
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

    @LocalServerPort
    int port;

    @Autowired
    MemberFixtures people;

    @Autowired
    PlatformJdbc platform;

    @Autowired
    AgentFixtures shops;

    WidgetShop shop() {
        return WidgetShop.open(shops, port);
    }

    static JsonNode counts(DashboardSession browser, WidgetShop shop) {
        var page = browser.get(shop.base() + "/inbox/counts", "application/json");
        assertThat(page.status()).as(page.toString()).isEqualTo(200);
        return JsonMapper.builder().build().readTree(page.body());
    }

    @Test
    void aConversationOneMemberOpenedStaysUnreadForTheOthersUntilANewShopperMessage() {
        var shop = shop();
        WidgetShop.Chat conversation = shop.handedOff();
        String id = conversation.id();
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
        var more = shop.widget(conversation.token())
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
        String theirConversation = theirs.handedOff().id();
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
