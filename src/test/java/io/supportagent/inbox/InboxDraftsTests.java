package io.supportagent.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.supportagent.platform.MemberRole;
import io.supportagent.platform.db.PlatformJdbc;
import io.supportagent.support.AgentFixtures;
import io.supportagent.support.DashboardSession;
import io.supportagent.support.DashboardTest;
import io.supportagent.support.MemberFixtures;
import io.supportagent.support.WidgetShop;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Drafts kept on the server, over HTTP through the real chain (sessions, CSRF): what a member writes is there on
 * another device and for them only, goes when sent or when the conversation is resolved, and no member of another
 * organization can read or overwrite it.
 */
@DashboardTest
class InboxDraftsTests {

    private static final Pattern COMPOSER =
            Pattern.compile("<textarea[^>]*id=\"composer-text\"[^>]*>([^<]*)</textarea>", Pattern.DOTALL);

    @LocalServerPort
    int port;

    @Autowired
    MemberFixtures people;

    @Autowired
    AgentFixtures shops;

    @Autowired
    PlatformJdbc platform;

    static String composer(DashboardSession.Page page) {
        Matcher m = COMPOSER.matcher(page.body());
        assertThat(m.find()).as("the composer in " + page).isTrue();
        return m.group(1);
    }

    @Test
    void aDraftIsKeptForItsMemberOnEveryDeviceUntilSentOrResolved() {
        var shop = WidgetShop.open(shops, port);
        String id = shop.handedOff().id();
        var anaPerson = people.join(shop.org().organization().id(), MemberRole.AGENT);
        var laptop = DashboardSession.signedIn(port, anaPerson);
        var phone = DashboardSession.signedIn(port, anaPerson);
        var bo = DashboardSession.signedIn(
                port, people.join(shop.org().organization().id(), MemberRole.AGENT));
        String page = shop.base() + "/inbox/" + id;
        String draft = page + "/draft";
        assertThat(laptop.get(page).body()).contains("data-draft-url=\"" + draft + "\"");

        // Without the page's token: refused, nothing kept.
        assertThat(laptop.postWithoutToken(draft, Map.of("content", "x")).status())
                .isEqualTo(403);
        assertThat(drafts(id)).isEmpty();

        // Typed on the laptop, there on the phone (as a note, the mode it was written in); not for Bo.
        var kept = laptop.post(draft, Map.of("mode", "note", "content", "Refund <approved> & sent"));
        assertThat(kept.status()).as(kept.toString()).isEqualTo(204);
        var onPhone = phone.get(page);
        assertThat(composer(onPhone)).isEqualTo("Refund &lt;approved&gt; &amp; sent");
        assertThat(onPhone.body()).containsPattern("value=\"note\" checked").contains("Draft kept.");
        assertThat(composer(bo.get(page))).isEmpty();

        // Written over, then sent from the phone: gone everywhere.
        assertThat(phone.post(draft, Map.of("mode", "reply", "content", "Your refund is on its way"))
                        .status())
                .isEqualTo(204);
        assertThat(composer(laptop.get(page))).isEqualTo("Your refund is on its way");
        var sent = phone.post(page + "/messages", Map.of("mode", "reply", "content", "Your refund is on its way"));
        assertThat(sent.status()).isEqualTo(302);
        assertThat(composer(phone.follow(sent))).isEmpty();
        assertThat(composer(laptop.get(page))).isEmpty();
        assertThat(drafts(id)).isEmpty();

        // Blank text removes a draft.
        laptop.post(draft, Map.of("mode", "reply", "content", "Hm"));
        assertThat(drafts(id)).hasSize(1);
        assertThat(laptop.post(draft, Map.of("mode", "reply", "content", "  ")).status())
                .isEqualTo(204);
        assertThat(drafts(id)).isEmpty();

        // Bad input: problems, never a 500, and the draft as it was.
        laptop.post(draft, Map.of("mode", "reply", "content", "Kept"));
        var badMode = laptop.post(draft, Map.of("mode", "shout", "content", "x"));
        assertThat(badMode.status()).isEqualTo(400);
        assertThat(badMode.header("Content-Type")).startsWith("application/problem+json");
        assertThat(laptop.post(draft, Map.of("mode", "reply", "content", "x".repeat(8001)))
                        .status())
                .isEqualTo(400);
        assertThat(laptop.post(draft, Map.of("mode", "reply", "content", "a\u0000b"))
                        .status())
                .isBetween(400, 499);
        assertThat(laptop.post(shop.base() + "/inbox/not-a-conversation/draft", Map.of("content", "x"))
                        .status())
                .isEqualTo(404);
        assertThat(drafts(id)).containsExactly("Kept");

        // Resolved, unsent: every member's draft goes, and a late save is refused rather than kept.
        bo.post(draft, Map.of("mode", "note", "content", "Bo's thought"));
        assertThat(drafts(id)).hasSize(2);
        assertThat(bo.post(page + "/resolve", Map.of()).status()).isEqualTo(302);
        assertThat(drafts(id)).isEmpty();
        var late = laptop.post(draft, Map.of("mode", "reply", "content", "Too late"));
        assertThat(late.status()).isEqualTo(409);
        assertThat(drafts(id)).isEmpty();
        assertThat(laptop.get(page).body()).doesNotContain("id=\"composer-text\"");
    }

    @Test
    void aMemberOfAnotherOrganizationCanNeitherReadNorOverwriteADraft() {
        var shop = WidgetShop.open(shops, port);
        String id = shop.handedOff().id();
        var ana = DashboardSession.signedIn(
                port, people.join(shop.org().organization().id(), MemberRole.AGENT));
        String page = shop.base() + "/inbox/" + id;
        ana.get(page);
        assertThat(ana.post(page + "/draft", Map.of("mode", "reply", "content", "Ana's secret words"))
                        .status())
                .isEqualTo(204);

        var elsewhere = WidgetShop.open(shops, port);
        var eve = DashboardSession.signedIn(
                port, people.join(elsewhere.org().organization().id(), MemberRole.OWNER));
        eve.get(elsewhere.base() + "/inbox");

        // Through her own organization's pages: the conversation is not found, read or written.
        String hers = elsewhere.base() + "/inbox/" + id;
        var read = eve.get(hers);
        assertThat(read.status()).isEqualTo(404);
        assertThat(read.body()).doesNotContain("Ana&#39;s secret words").doesNotContain("Ana's secret words");
        assertThat(eve.get(hers + "/panel").status()).isEqualTo(404);
        assertThat(eve.post(hers + "/draft", Map.of("mode", "reply", "content", "Eve was here"))
                        .status())
                .isEqualTo(404);
        // Through the other organization's address: not hers.
        var foreign = eve.get(page);
        assertThat(foreign.status()).isIn(403, 404);
        assertThat(foreign.body()).doesNotContain("Ana's secret words");
        assertThat(eve.post(page + "/draft", Map.of("mode", "reply", "content", "Eve was here"))
                        .status())
                .isIn(403, 404);

        assertThat(drafts(id)).containsExactly("Ana's secret words");
        assertThat(platform.jdbc()
                        .sql("SELECT count(*) FROM reply_drafts WHERE organization_id = :org")
                        .param("org", elsewhere.org().organization().id().value())
                        .query(Long.class)
                        .single())
                .isZero();
    }

    private List<String> drafts(String conversation) {
        return platform.jdbc()
                .sql("SELECT content FROM reply_drafts WHERE conversation_id = :id ORDER BY updated_at")
                .param("id", UUID.fromString(conversation))
                .query(String.class)
                .list();
    }
}
