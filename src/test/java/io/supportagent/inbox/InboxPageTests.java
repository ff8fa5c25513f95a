package io.supportagent.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.supportagent.agents.AgentService;
import io.supportagent.conversations.ConversationService;
import io.supportagent.platform.MemberRole;
import io.supportagent.platform.TenantContext;
import io.supportagent.platform.db.PlatformJdbc;
import io.supportagent.support.AgentFixtures;
import io.supportagent.support.DashboardSession;
import io.supportagent.support.DashboardTest;
import io.supportagent.support.Fixtures;
import io.supportagent.support.MemberFixtures;
import io.supportagent.support.WidgetShop;
import io.supportagent.tenancy.TenancyService;
import io.supportagent.tenancy.Tier;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The inbox's pages over HTTP through the real chain: a refused message comes back in the composer, a hand-back takes
 * an optional note for the team, "Resolve & next" opens the next conversation of the queue, and the queue names the
 * store of every conversation however many stores the organization has.
 */
@DashboardTest
class InboxPageTests {

    private static final Pattern COMPOSER =
            Pattern.compile("<textarea[^>]*id=\"composer-text\"[^>]*>([^<]*)</textarea>", Pattern.DOTALL);
    private static final Pattern HAND_BACK_NOTE = Pattern.compile("<input[^>]*id=\"hand-back-note\"[^>]*>");

    @LocalServerPort
    int port;

    @Autowired
    MemberFixtures people;

    @Autowired
    AgentFixtures shops;

    @Autowired
    Fixtures fixtures;

    @Autowired
    TenancyService tenancy;

    @Autowired
    AgentService agents;

    @Autowired
    ConversationService conversations;

    @Autowired
    PlatformJdbc platform;

    WidgetShop shop() {
        return WidgetShop.open(shops, port);
    }

    static String composer(DashboardSession.Page page) {
        Matcher m = COMPOSER.matcher(page.body());
        assertThat(m.find()).as("the composer in " + page).isTrue();
        return m.group(1);
    }

    @Test
    void aRefusedReplyOrNoteComesBackInTheComposerEscaped() {
        var shop = shop();
        String id = shop.handedOff().id();
        var ana = DashboardSession.signedIn(
                port, people.join(shop.org().organization().id(), MemberRole.AGENT));
        var bo = DashboardSession.signedIn(
                port, people.join(shop.org().organization().id(), MemberRole.ADMIN));
        ana.get(shop.base() + "/inbox/" + id);
        bo.get(shop.base() + "/inbox/" + id);
        assertThat(ana.post(shop.base() + "/inbox/" + id + "/claim", Map.of()).status())
                .isEqualTo(302);

        // Someone else claimed it meanwhile: the reply is refused, the text is still there.
        String typed = "Your <b>refund</b> & \"exchange\" are on their way";
        var refused = bo.post(shop.base() + "/inbox/" + id + "/messages", Map.of("content", typed, "mode", "reply"));
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.body()).contains("Claimed by Pat agent");
        assertThat(composer(refused))
                .contains("Your &lt;b&gt;refund&lt;/b&gt; &amp;")
                .doesNotContain("<b>");
        assertThat(refused.body()).doesNotContain("Your <b>refund</b>");

        // A note too long: refused, kept, and still a note.
        String tooLong = "n".repeat(8001);
        var long_ = ana.post(shop.base() + "/inbox/" + id + "/messages", Map.of("content", tooLong, "mode", "note"));
        assertThat(long_.status()).isEqualTo(400);
        assertThat(composer(long_)).isEqualTo(tooLong);
        assertThat(long_.body()).containsPattern("value=\"note\" checked");

        // Sent: the composer is empty, on the next page and after.
        var sent = ana.post(shop.base() + "/inbox/" + id + "/messages", Map.of("content", "Hello", "mode", "reply"));
        assertThat(sent.status()).isEqualTo(302);
        var after = ana.follow(sent);
        assertThat(composer(after)).isEmpty();
        assertThat(composer(ana.get(shop.base() + "/inbox/" + id))).isEmpty();

        // Resolved meanwhile: refused, kept.
        assertThat(bo.post(shop.base() + "/inbox/" + id + "/resolve", Map.of()).status())
                .isEqualTo(302);
        var late = ana.post(shop.base() + "/inbox/" + id + "/messages", Map.of("content", "One more", "mode", "reply"));
        assertThat(late.status()).isEqualTo(409);
        assertThat(late.body()).contains("This conversation is resolved.").contains(">One more</textarea>");
    }

    @Test
    void aHandBackTakesAnOptionalNoteThatOnlyTheTeamSees() {
        var shop = shop();
        WidgetShop.Chat chat = shop.handedOff();
        String id = chat.id();
        var ana = DashboardSession.signedIn(
                port, people.join(shop.org().organization().id(), MemberRole.AGENT));
        var page = ana.get(shop.base() + "/inbox/" + id);
        assertThat(page.body()).containsPattern(HAND_BACK_NOTE);
        ana.post(shop.base() + "/inbox/" + id + "/claim", Map.of());

        // Too long: refused before anything changes, and the note comes back in its field.
        String tooLong = "x".repeat(8001);
        var refused = ana.post(shop.base() + "/inbox/" + id + "/hand-back", Map.of("note", tooLong));
        assertThat(refused.status()).isEqualTo(400);
        Matcher field = HAND_BACK_NOTE.matcher(refused.body());
        assertThat(field.find()).isTrue();
        assertThat(field.group()).contains("value=\"" + tooLong + "\"");
        assertThat(owner(id)).isEqualTo("human");

        String note = "Wants store credit, not a refund; <offer> it & close";
        var handed = ana.post(shop.base() + "/inbox/" + id + "/hand-back", Map.of("note", note));
        assertThat(handed.status()).as(handed.toString()).isEqualTo(302);
        assertThat(owner(id)).isEqualTo("ai");
        assertThat(roles(id)).containsSubsequence("system", "note");
        var transcript = ana.follow(handed).body();
        assertThat(transcript)
                .contains("Handed back to the AI by Pat agent.")
                .contains("Wants store credit, not a refund; &lt;offer&gt; it &amp; close")
                .contains("Internal note · Pat agent");
        assertThat(shop.widget(chat.token())
                        .get("/widget/v1/conversations/" + id)
                        .body())
                .doesNotContain("store credit");
        assertThat(io.supportagent.support.Http.on(port)
                        .bearer(shop.org().liveKey())
                        .get("/v1/conversations/" + id)
                        .body())
                .doesNotContain("store credit");

        // Blank: no note.
        String other = shop.handedOff().id();
        ana.get(shop.base() + "/inbox/" + other);
        ana.post(shop.base() + "/inbox/" + other + "/claim", Map.of());
        assertThat(ana.post(shop.base() + "/inbox/" + other + "/hand-back", Map.of("note", "   "))
                        .status())
                .isEqualTo(302);
        assertThat(owner(other)).isEqualTo("ai");
        assertThat(roles(other)).contains("system").doesNotContain("note");
        // Odd input: told, never a 500.
        String third = shop.handedOff().id();
        ana.get(shop.base() + "/inbox/" + third);
        assertThat(ana.post(shop.base() + "/inbox/" + third + "/hand-back", Map.of("note", "a\u0000b"))
                        .status())
                .isLessThan(500);
    }

    @Test
    void resolveAndNextOpensTheNextConversationOfTheQueueOrTheQueueWhenNoneIsLeft() {
        var shop = shop();
        var elsewhere = shop(); // another organization's waiting conversation is never next
        elsewhere.handedOff();
        String first = shop.handedOff().id();
        String second = shop.handedOff().id();
        String third = shop.handedOff().id();
        var ana = DashboardSession.signedIn(
                port, people.join(shop.org().organization().id(), MemberRole.AGENT));
        var page = ana.get(shop.base() + "/inbox/" + second);
        assertThat(page.body()).contains("/inbox/" + second + "/resolve-next").contains("Resolve &amp; next");

        var next = ana.post(shop.base() + "/inbox/" + second + "/resolve-next", Map.of());
        assertThat(next.status()).isEqualTo(302);
        assertThat(next.location()).endsWith(shop.base() + "/inbox/" + third);
        assertThat(ana.follow(next).body()).contains("Resolved. Here is the next one.");
        assertThat(status(second)).isEqualTo("resolved");

        // The last of the queue: the queue starts again at the top.
        next = ana.post(shop.base() + "/inbox/" + third + "/resolve-next", Map.of());
        assertThat(next.location()).endsWith(shop.base() + "/inbox/" + first);

        // No one else waits: back to the queue, with a toast.
        ana.follow(next);
        next = ana.post(shop.base() + "/inbox/" + first + "/resolve-next", Map.of());
        assertThat(next.status()).isEqualTo(302);
        assertThat(next.location()).endsWith(shop.base() + "/inbox");
        var queue = ana.follow(next);
        assertThat(queue.body()).contains("Resolved. No one else is waiting.").contains("No one is waiting");
        assertThat(List.of(status(first), status(second), status(third))).containsOnly("resolved");

        // Another organization's conversation: not found, nothing resolved.
        String theirs = elsewhere.handedOff().id();
        assertThat(ana.post(shop.base() + "/inbox/" + theirs + "/resolve-next", Map.of())
                        .status())
                .isEqualTo(404);
        assertThat(status(theirs)).isEqualTo("handed_off");
    }

    /**
     * Resolving asks the shopper for a rating unless the person resolving ticks "Don't ask for a rating" (spam, a
     * test, a shopper who left): then the widget is told not to ask, and a rating sent anyway is refused.
     */
    @Test
    void aPersonResolvesWithOrWithoutAskingTheShopperForARating() {
        var shop = shop();
        WidgetShop.Chat spam = shop.handedOff();
        WidgetShop.Chat next = shop.handedOff();
        WidgetShop.Chat asked = shop.handedOff();
        var ana = DashboardSession.signedIn(
                port, people.join(shop.org().organization().id(), MemberRole.AGENT));
        var page = ana.get(shop.base() + "/inbox/" + spam.id());
        assertThat(page.body()).contains("name=\"survey\" value=\"skip\"").contains("Don't ask for a rating");

        // A value that is no choice: a form error on the page, nothing resolved.
        var odd = ana.post(shop.base() + "/inbox/" + spam.id() + "/resolve", Map.of("survey", "maybe"));
        assertThat(odd.status()).isEqualTo(400);
        assertThat(odd.body()).contains("Choose whether to ask the shopper for a rating.");
        assertThat(status(spam.id())).isEqualTo("handed_off");

        // Without a survey: the widget is told not to ask, and a rating is refused.
        var skipped = ana.post(shop.base() + "/inbox/" + spam.id() + "/resolve", Map.of("survey", "skip"));
        assertThat(skipped.status()).isEqualTo(302);
        assertThat(ana.follow(skipped).body())
                .contains("Resolved, without asking for a rating.")
                .contains("class=\"no-survey\"");
        assertThat(column("rating_requested", spam.id())).isEqualTo("f");
        var widget = shop.widget(spam.token());
        assertThat(widget.get("/widget/v1/conversations/" + spam.id())
                        .json()
                        .get("rating_requested")
                        .asBoolean())
                .isFalse();
        var refused = widget.post("/widget/v1/conversations/" + spam.id() + "/rating", Map.of("rating", 1));
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json().get("code").asString()).isEqualTo("rating_not_requested");

        // Resolve & next without a survey: the same, and on to the next one.
        ana.get(shop.base() + "/inbox/" + next.id());
        var moved = ana.post(shop.base() + "/inbox/" + next.id() + "/resolve-next", Map.of("survey", "skip"));
        assertThat(moved.status()).isEqualTo(302);
        assertThat(moved.location()).endsWith("/inbox/" + asked.id());
        assertThat(column("rating_requested", next.id())).isEqualTo("f");

        // By default the shopper is asked, and may rate once.
        var resolved = ana.post(shop.base() + "/inbox/" + asked.id() + "/resolve", Map.of());
        assertThat(resolved.status()).isEqualTo(302);
        assertThat(column("rating_requested", asked.id())).isEqualTo("t");
        var askedWidget = shop.widget(asked.token());
        assertThat(askedWidget
                        .get("/widget/v1/conversations/" + asked.id())
                        .json()
                        .get("rating_requested")
                        .asBoolean())
                .isTrue();
        assertThat(askedWidget
                        .post("/widget/v1/conversations/" + asked.id() + "/rating", Map.of("rating", 5))
                        .status())
                .isEqualTo(200);
    }

    @Test
    void theQueueNamesTheStoreOfEveryConversationBeyondTheFirstHundredStores() {
        var org = fixtures.organization(Tier.ENTERPRISE);
        String id = TenantContext.callAs(org.live(), () -> {
            var far = tenancy.createStore("Far Away Outfitters", "far.example", List.of("https://far.example"));
            for (int i = 0; i < 100; i++) {
                tenancy.createStore(
                        "Filler " + i, "filler" + i + ".example", List.of("https://filler" + i + ".example"));
            }
            var instance = agents.deploy(far.id(), agents.customerServiceV1().id(), "Far", "{}");
            var conversation = conversations.start(instance.id(), "Ada Shopper", "ada@shopper.example");
            conversations.addMessage(conversation.id(), "customer", "A person, please", null);
            conversations.transferToHuman(conversation.id(), "The shopper asked for a person");
            return conversation.id().toString();
        });
        var ana = DashboardSession.signedIn(port, people.join(org.organization().id(), MemberRole.AGENT));
        String base = "/app/" + org.organization().id() + "/live";

        var queue = ana.get(base + "/inbox");
        assertThat(queue.status()).isEqualTo(200);
        assertThat(queue.body()).contains(id).contains("Far Away Outfitters");
        assertThat(ana.get(base + "/inbox/" + id).body()).contains("Far Away Outfitters");
    }

    private String owner(String id) {
        return column("owner", id);
    }

    private String status(String id) {
        return column("status", id);
    }

    private String column(String name, String id) {
        return platform.jdbc()
                .sql("SELECT " + name + " FROM conversations WHERE id = :id")
                .param("id", UUID.fromString(id))
                .query(String.class)
                .single();
    }

    private List<String> roles(String id) {
        return platform.jdbc()
                .sql("SELECT role FROM messages WHERE conversation_id = :id ORDER BY created_at, id")
                .param("id", UUID.fromString(id))
                .query(String.class)
                .list();
    }
}
