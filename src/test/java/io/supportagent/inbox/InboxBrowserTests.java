package io.supportagent.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.supportagent.SupportAgentApplication;
import io.supportagent.agents.AgentService;
import io.supportagent.platform.MemberRole;
import io.supportagent.platform.TenantContext;
import io.supportagent.support.Browsers;
import io.supportagent.support.DashboardTest;
import io.supportagent.support.Fixtures;
import io.supportagent.support.MemberFixtures;
import io.supportagent.support.TestDatabase;
import io.supportagent.tenancy.TenancyService;
import io.supportagent.tenancy.Tier;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.SearchContext;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Two people in two real browsers. A shopper on a store's own page (another origin, as in production) asks the
 * widget for a person; a support member, whose inbox is open, sees the conversation appear without reloading,
 * claims it and replies; the widget shows who joined and the reply; the member resolves; the shopper rates. Once on
 * one node, and once across two application nodes on one database (the shopper's widget on one, the member's inbox
 * on the other): changes travel through PostgreSQL NOTIFY.
 */
@DashboardTest
class InboxBrowserTests {

    static WebDriver shopper;
    static WebDriver member;
    static HttpServer shopSite;
    static volatile String shopPage = "";
    static ConfigurableApplicationContext nodeB;

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
    io.supportagent.platform.db.PlatformJdbc platform;

    @Autowired
    io.supportagent.support.AgentFixtures shops;

    @BeforeAll
    static void start() throws Exception {
        shopper = Browsers.headless();
        member = Browsers.headless();
        member.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 1000));
        shopSite = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        shopSite.createContext("/", exchange -> {
            byte[] body = shopPage.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        shopSite.start();
    }

    @AfterAll
    static void stop() {
        Browsers.quit(shopper, member);
        if (shopSite != null) {
            shopSite.stop(0);
        }
        if (nodeB != null) {
            nodeB.close();
        }
    }

    @AfterEach
    void signOut() {
        if (shopper != null) {
            shopper.get("about:blank"); // ends the widget's stream
        }
        if (member != null) {
            // A page without the inbox's scripts first (ends its stream), on the host whose cookies go.
            member.get("http://localhost:" + port + "/login");
            member.manage().deleteAllCookies();
        }
    }

    @Test
    void aMemberTakesAHandOffLiveAndTheShopperSeesTheReplyAndRates() {
        handOffReplyResolveRate(port);
    }

    @Test
    void theSameAcrossTwoNodesWithTheShopperOnOneAndTheMemberOnTheOther() {
        handOffReplyResolveRate(secondNode());
    }

    /**
     * Stands in for the browser's notifications and sound before any script of a page runs (a headless Chromium
     * shows and plays none): records the permission asked for, every notification made, every tone started, and every
     * question the page asked the server about an alert, as the page's script calls them.
     */
    static final String RECORDED_NOTIFICATIONS = """
            (function () {
              window.__notifications = [];
              window.__permissionRequests = 0;
              window.__tones = 0;
              window.__alertChecks = [];
              var permission = "default";
              function RecordedNotification(title, options) {
                window.__notifications.push({title: title, body: (options || {}).body, tag: (options || {}).tag});
              }
              Object.defineProperty(RecordedNotification, "permission", {get: function () { return permission; }});
              RecordedNotification.requestPermission = function () {
                window.__permissionRequests++;
                permission = "granted";
                return Promise.resolve(permission);
              };
              window.Notification = RecordedNotification;
              function RecordedAudio() { this.state = "suspended"; this.currentTime = 0; this.destination = {}; }
              RecordedAudio.prototype.resume = function () { this.state = "running"; return Promise.resolve(); };
              RecordedAudio.prototype.createGain = function () {
                return {gain: {setValueAtTime: function () {}, exponentialRampToValueAtTime: function () {}},
                        connect: function () {}};
              };
              RecordedAudio.prototype.createOscillator = function () {
                return {frequency: {setValueAtTime: function () {}}, connect: function () {},
                        start: function () { window.__tones++; }, stop: function () {}};
              };
              window.AudioContext = RecordedAudio;
              var fetch = window.fetch;
              window.fetch = function (url) {
                var answer = fetch.apply(this, arguments);
                if (String(url).indexOf("/alert?") >= 0) {
                  answer.then(function (res) {
                    setTimeout(function () { window.__alertChecks.push({url: String(url), status: res.status}); }, 50);
                  });
                }
                return answer;
              };
            })();""";

    /**
     * Desktop alerts and their sound only for what concerns the member: a hand-off nobody took, and a shopper's
     * message in a conversation assigned to them; not a teammate's conversation, not while muted, not from a store
     * the member muted. The settings are the member's, on the server.
     */
    @Test
    void desktopAlertsComeOnlyForWhatConcernsTheMemberAndCanBeMuted() {
        var org = fixtures.organization(Tier.PRO);
        String loud = "https://alerts-shop.example";
        String quiet = "https://quiet-shop.example";
        String[] keys = TenantContext.callAs(org.live(), () -> {
            var store = tenancy.createStore("Alerts Shop", "alerts-shop.example", List.of(loud));
            var other = tenancy.createStore("Quiet Shop", "quiet-shop.example", List.of(quiet));
            return new String[] {
                agents.deploy(store.id(), agents.customerServiceV1().id(), "Alerts assistant", "{}")
                        .publicKey(),
                agents.deploy(other.id(), agents.customerServiceV1().id(), "Quiet assistant", "{}")
                        .publicKey()
            };
        });
        var agent = people.join(org.organization().id(), MemberRole.AGENT);
        var bo = io.supportagent.support.DashboardSession.signedIn(
                port, people.join(org.organization().id(), MemberRole.ADMIN));
        String base = "/app/" + org.organization().id() + "/live";
        var cdp = (org.openqa.selenium.chromium.ChromiumDriver) member;
        Object script = cdp.executeCdpCommand(
                        "Page.addScriptToEvaluateOnNewDocument",
                        Map.<String, Object>of("source", RECORDED_NOTIFICATIONS))
                .get("identifier");
        try {
            signIn(member, agent);
            member.get("http://localhost:" + port + base + "/inbox");
            waitForStream(member);

            // Not allowed yet: the page offers to turn alerts on, and asks the browser when the member clicks.
            WebElement enable = wait(member).until(d -> d.findElement(By.cssSelector("[data-notify-enable]")));
            wait(member).until(d -> enable.isDisplayed());
            click(member, enable);
            wait(member).until(d -> !enable.isDisplayed());
            assertThat(js(member).executeScript("return window.__permissionRequests"))
                    .isEqualTo(1L);
            assertThat(notifications()).isEmpty();

            // A hand-off nobody took: one alert, with a sound.
            var first = handOff(keys[0], loud, "A person, please");
            wait(member).until(d -> notifications().size() == 1);
            assertThat(notifications().getFirst())
                    .containsEntry("title", "A shopper is waiting for a person")
                    .containsEntry("tag", "handoff-" + first.id());
            assertThat(notifications().getFirst().get("body")).asString().contains("A person, please");
            assertThat(js(member).executeScript("return window.__tones")).isEqualTo(2L);

            // Bo takes it, and its shopper writes: Bo's, not the member's, so no alert.
            bo.get(base + "/inbox/" + first.id());
            assertThat(bo.post(base + "/inbox/" + first.id() + "/claim", Map.of())
                            .status())
                    .isEqualTo(302);
            long checks = alertChecks(first.id(), "message");
            write(keys[0], loud, first, "Hello? Anyone?");
            wait(member).until(d -> alertChecks(first.id(), "message") > checks);
            assertThat(notifications()).hasSize(1);

            // Assigned to the member, a shopper message alerts them, saying what the shopper wrote.
            assertThat(bo.post(
                                    base + "/inbox/" + first.id() + "/assign",
                                    Map.of("assignee", agent.accountId().toString()))
                            .status())
                    .isEqualTo(302);
            write(keys[0], loud, first, "Is my parcel lost?");
            wait(member).until(d -> notifications().size() == 2);
            assertThat(notifications().get(1).get("title")).asString().endsWith("wrote to you");
            assertThat(notifications().get(1).get("body")).isEqualTo("Is my parcel lost?");

            // Muted: the toggle says so, and a new hand-off makes no alert.
            WebElement mute = member.findElement(By.cssSelector("[data-alerts-mute]"));
            assertThat(mute.getAttribute("aria-pressed")).isEqualTo("false");
            click(member, mute);
            wait(member)
                    .until(d -> "true"
                            .equals(d.findElement(By.cssSelector("[data-alerts-mute]"))
                                    .getAttribute("aria-pressed")));
            assertThat(member.findElement(By.cssSelector(".alerts-state")).getText())
                    .contains("Your alerts are muted");
            picture("inbox-alerts-muted");
            var second = handOff(keys[0], loud, "I want to talk to a human");
            wait(member).until(d -> alertChecks(second.id(), "handed_off") > 0);
            assertThat(notifications()).hasSize(2);

            // On again, but the Quiet Shop muted: its hand-off is silent, the other store's is not.
            click(member, member.findElement(By.cssSelector("[data-alerts-mute]")));
            wait(member)
                    .until(d -> "false"
                            .equals(d.findElement(By.cssSelector("[data-alerts-mute]"))
                                    .getAttribute("aria-pressed")));
            click(member, member.findElement(By.cssSelector(".alert-stores summary")));
            member.findElements(By.cssSelector(".alert-stores label")).stream()
                    .filter(l -> l.getText().contains("Quiet Shop"))
                    .findFirst()
                    .orElseThrow()
                    .click();
            picture("inbox-alert-stores");
            click(member, member.findElement(By.cssSelector(".alert-stores button[type=submit]")));
            wait(member)
                    .until(d -> d.findElement(By.cssSelector(".alert-stores summary"))
                            .getText()
                            .contains("1 muted"));
            var silent = handOff(keys[1], quiet, "I want to talk to a human");
            wait(member).until(d -> alertChecks(silent.id(), "handed_off") > 0);
            assertThat(notifications()).hasSize(2);
            var loudAgain = handOff(keys[0], loud, "I want to talk to a human please");
            wait(member).until(d -> notifications().size() == 3);
            assertThat(notifications().get(2)).containsEntry("tag", "handoff-" + loudAgain.id());
            assertThat(js(member).executeScript("return window.__tones")).isEqualTo(6L);
        } finally {
            cdp.executeCdpCommand(
                    "Page.removeScriptToEvaluateOnNewDocument", Map.<String, Object>of("identifier", script));
        }
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> notifications() {
        return (List<Map<String, Object>>) js(member).executeScript("return window.__notifications");
    }

    /** How many times the page asked the server whether a change of this conversation alerts the member. */
    private long alertChecks(String id, String what) {
        return (Long) js(member)
                .executeScript(
                        "var wanted = '/' + arguments[0] + '/alert?what=' + arguments[1];"
                                + " return window.__alertChecks.filter(function (c) {"
                                + " return c.url.indexOf(wanted) >= 0; }).length;",
                        id,
                        what);
    }

    private io.supportagent.support.WidgetShop.Chat handOff(String widgetKey, String origin, String message) {
        String token = "ct_" + UUID.randomUUID().toString().replace("-", "") + "abcdefghijklmnopqrstuvwxyz";
        var started = io.supportagent.support.Http.on(port)
                .header("X-Widget-Key", widgetKey)
                .header("Origin", origin)
                .post("/widget/v1/conversations", Map.of("message", message, "conversation_token", token));
        assertThat(started.status()).as(started.toString()).isEqualTo(201);
        return new io.supportagent.support.WidgetShop.Chat(
                started.json().get("id").asString(), token);
    }

    private void write(String widgetKey, String origin, io.supportagent.support.WidgetShop.Chat chat, String text) {
        var sent = io.supportagent.support.Http.on(port)
                .header("X-Widget-Key", widgetKey)
                .header("Origin", origin)
                .header("X-Conversation-Token", chat.token())
                .post("/widget/v1/conversations/" + chat.id() + "/messages", Map.of("content", text));
        assertThat(sent.status()).as(sent.toString()).isEqualTo(201);
    }

    /**
     * A member types a reply while someone else claims the conversation: the reply is refused and the text is still in
     * the composer, and still there when the member opens the conversation again; sent, it is gone. "Resolve & next"
     * from the keyboard goes back to the queue when no one else waits.
     */
    @Test
    void aReplyRefusedBecauseSomeoneElseClaimedItKeepsTheTextTyped() {
        var shop = io.supportagent.support.WidgetShop.open(shops, port);
        String id = shop.handedOff().id();
        var ana = people.join(shop.org().organization().id(), MemberRole.AGENT);
        var bo = io.supportagent.support.DashboardSession.signedIn(
                port, people.join(shop.org().organization().id(), MemberRole.ADMIN));
        String conversation = "http://localhost:" + port + shop.base() + "/inbox/" + id;

        member.get("http://localhost:" + port + "/login");
        member.findElement(By.id("email")).sendKeys(ana.email());
        member.findElement(By.id("password")).sendKeys(ana.password());
        member.findElement(By.cssSelector("button[type=submit]")).click();
        wait(member).until(d -> !d.getCurrentUrl().contains("/login"));
        member.get(conversation);
        String typed = "Let me check order 1001 <for you> & get back";
        WebElement composer = wait(member).until(d -> d.findElement(By.id("composer-text")));
        composer.sendKeys(typed);
        // Kept on the server as she types: there on her other device too.
        wait(member).until(d -> d.findElement(By.id("draft-state")).getText().equals("Draft kept."));
        var phone = io.supportagent.support.DashboardSession.signedIn(port, ana);
        assertThat(InboxPageTests.composer(phone.get(shop.base() + "/inbox/" + id)))
                .isEqualTo("Let me check order 1001 &lt;for you&gt; &amp; get back");

        // Meanwhile Bo takes it.
        bo.get(shop.base() + "/inbox/" + id);
        assertThat(bo.post(shop.base() + "/inbox/" + id + "/claim", Map.of()).status())
                .isEqualTo(302);

        click(member, member.findElement(By.cssSelector("form.composer button[type=submit]")));
        wait(member)
                .until(d -> d.findElements(By.cssSelector(".notice.error")).stream()
                        .anyMatch(e -> e.getText().contains("Claimed by Pat admin")));
        assertThat(member.findElement(By.id("composer-text")).getAttribute("value"))
                .as("the refused reply's text")
                .isEqualTo(typed);
        accessible(member, "inbox, a refused reply");

        // Opened again (the page the server would show without the refusal): the draft is still kept.
        member.get(conversation);
        wait(member)
                .until(d -> typed.equals(d.findElement(By.id("composer-text")).getAttribute("value")));

        // Bo assigns it to Ana; she sends it; the draft is gone, on this page and the next.
        bo.get(shop.base() + "/inbox/" + id);
        assertThat(bo.post(
                                shop.base() + "/inbox/" + id + "/assign",
                                Map.of("assignee", ana.accountId().toString()))
                        .status())
                .isEqualTo(302);
        member.get(conversation);
        wait(member)
                .until(d -> typed.equals(d.findElement(By.id("composer-text")).getAttribute("value")));
        click(member, member.findElement(By.cssSelector("form.composer button[type=submit]")));
        wait(member)
                .until(d -> d.findElements(By.cssSelector(".transcript .role-human_agent")).stream()
                        .anyMatch(e -> e.getText().contains("<for you>")));
        assertThat(member.findElement(By.id("composer-text")).getAttribute("value"))
                .isEmpty();
        member.get(conversation);
        WebElement again = wait(member).until(d -> d.findElement(By.id("composer-text")));
        assertThat(again.getAttribute("value")).as("after a reload").isEmpty();

        // A draft not sent when the conversation is resolved goes with it.
        member.findElement(By.id("composer-text")).sendKeys("Never sent");
        wait(member).until(d -> d.findElement(By.id("draft-state")).getText().equals("Draft kept."));
        assertThat(draftCount(id)).isEqualTo(1L);

        // Resolve & next, from the keyboard: no one else waits, so back to the queue, told so.
        WebElement next = member.findElements(By.cssSelector(".conversation-actions button")).stream()
                .filter(b -> b.getText().equals("Resolve & next"))
                .findFirst()
                .orElseThrow();
        js(member).executeScript("arguments[0].scrollIntoView({block: 'center'}); arguments[0].focus();", next);
        next.sendKeys(Keys.ENTER);
        wait(member).until(d -> d.getCurrentUrl().endsWith(shop.base() + "/inbox"));
        wait(member)
                .until(d -> !d.findElements(By.cssSelector(".inbox:not(.has-conversation) #inbox-queue"))
                        .isEmpty());
        wait(member)
                .until(d -> d.findElement(By.cssSelector(".toasts")).getText().contains("No one else is waiting"));
        assertThat(member.findElements(By.cssSelector("#inbox-queue .inbox, #inbox-conversation .inbox")))
                .as("no page inside the page")
                .isEmpty();
        assertThat(draftCount(id))
                .as("the unsent draft of a resolved conversation")
                .isZero();
    }

    private long draftCount(String conversation) {
        return platform.jdbc()
                .sql("SELECT count(*) FROM reply_drafts WHERE conversation_id = :id")
                .param("id", UUID.fromString(conversation))
                .query(Long.class)
                .single();
    }

    /**
     * The inbox from the keyboard alone: "?" lists the keys in a modal dialog that keeps focus and closes with Esc;
     * j/k choose in the queue, Enter opens, c claims, r and n write a reply or a note, and keys typed in the message
     * box are text, not commands, until Esc leaves it; e resolves and Shift+E resolves and opens the next one.
     */
    @Test
    void aMemberWorksTheQueueFromTheKeyboard() {
        var shop = io.supportagent.support.WidgetShop.open(shops, port);
        String first = shop.handedOff().id();
        String second = shop.handedOff().id();
        String third = shop.handedOff().id();
        var ana = people.join(shop.org().organization().id(), MemberRole.AGENT);
        signIn(member, ana);
        member.get("http://localhost:" + port + shop.base() + "/inbox");
        wait(member)
                .until(d -> d.findElements(By.cssSelector("#inbox-queue .queue-item"))
                                .size()
                        == 3);

        // "?": the list of keys, a modal dialog that holds focus until Esc closes it.
        keys("?");
        WebElement dialog = member.findElement(By.id("shortcuts"));
        wait(member).until(d -> dialog.getAttribute("open") != null);
        assertThat(dialog.getAttribute("aria-labelledby")).isEqualTo("shortcuts-title");
        assertThat(dialog.getText()).contains("Resolve & next").contains("Write an internal note");
        accessible(member, "inbox, the keyboard shortcuts dialog");
        picture("inbox-shortcuts");
        keys(Keys.TAB);
        keys(Keys.TAB);
        assertThat(js(member)
                        .executeScript("return document.getElementById('shortcuts').contains(document.activeElement)"))
                .as("focus stays in the dialog")
                .isEqualTo(true);
        keys("j"); // inside the dialog, not a command
        assertThat(focusedConversation()).isNull();
        keys(Keys.ESCAPE);
        wait(member).until(d -> dialog.getAttribute("open") == null);
        assertThat(member.findElement(By.cssSelector("[data-shortcuts-open]")).getAttribute("aria-keyshortcuts"))
                .isEqualTo("?");

        // j, j, j, k: the first, second, third, then second conversation of the queue; Enter opens the chosen one.
        keys("j");
        assertThat(focusedConversation()).isEqualTo(first);
        keys("j");
        keys("j");
        assertThat(focusedConversation()).isEqualTo(third);
        keys("k");
        assertThat(focusedConversation()).isEqualTo(second);
        keys(Keys.ENTER);
        wait(member).until(d -> d.getCurrentUrl().endsWith("/inbox/" + second));
        wait(member)
                .until(d ->
                        !d.findElements(By.cssSelector("#inbox-conversation")).isEmpty());

        // c claims; the buttons say their keys.
        WebElement claim = member.findElement(By.cssSelector(".conversation-actions button.primary"));
        assertThat(claim.getAttribute("aria-keyshortcuts")).isEqualTo("C");
        assertThat(claim.getAttribute("title")).isEqualTo("Claim (c)");
        keys("c");
        wait(member)
                .until(d -> d.findElement(By.id("inbox-conversation")).getText().contains("Assigned to Pat agent"));

        // r: the reply box; what is typed there is text, even "e" and "j"; Esc leaves the box.
        keys("r");
        wait(member)
                .until(d -> "composer-text".equals(d.switchTo().activeElement().getAttribute("id")));
        keys("e j ?");
        assertThat(member.findElement(By.id("composer-text")).getAttribute("value"))
                .isEqualTo("e j ?");
        assertThat(member.findElement(By.id("shortcuts")).getAttribute("open")).isNull();
        assertThat(status(second)).isEqualTo("handed_off");
        keys(Keys.ESCAPE);
        assertThat(member.switchTo().activeElement().getAttribute("id")).isNotEqualTo("composer-text");

        // n: the same box as an internal note (yellow).
        keys("n");
        wait(member)
                .until(d -> d.findElement(By.cssSelector("form.composer"))
                        .getAttribute("class")
                        .contains("note-mode"));
        assertThat(member.switchTo().activeElement().getAttribute("id")).isEqualTo("composer-text");
        keys(Keys.ESCAPE);

        // Shift+E: resolved, and the next one of the queue opens; e resolves that one.
        keys("E");
        wait(member).until(d -> d.getCurrentUrl().endsWith("/inbox/" + third));
        assertThat(status(second)).isEqualTo("resolved");
        wait(member)
                .until(d ->
                        !d.findElements(By.cssSelector("#inbox-conversation")).isEmpty());
        keys("e");
        wait(member)
                .until(d -> d.findElement(By.id("inbox-conversation")).getText().contains("resolved"));
        assertThat(status(third)).isEqualTo("resolved");
        assertThat(status(first)).isEqualTo("handed_off");
    }

    /**
     * A conversation resolved with "Don't ask for a rating" ticked: the shopper's open widget says it is closed and
     * asks for no rating.
     */
    @Test
    void aConversationResolvedWithoutASurveyAsksTheShopperForNoRating() {
        var org = fixtures.organization(Tier.PRO);
        String shopOrigin = shopWithWidget(org, "Spam Shop", "spam.example", "Spam assistant");
        shopperAsksForAPerson(shopOrigin);
        String id = platform.jdbc()
                .sql("SELECT id FROM conversations WHERE organization_id = :org")
                .param("org", org.organization().id().value())
                .query(String.class)
                .single();

        signIn(member, people.join(org.organization().id(), MemberRole.AGENT));
        member.get("http://localhost:" + port + "/app/" + org.organization().id() + "/live/inbox/" + id);
        WebElement skip = wait(member).until(d -> d.findElement(By.cssSelector(".skip-survey input")));
        assertThat(skip.isSelected()).isFalse();
        click(member, skip);
        picture("inbox-resolve-without-survey");
        click(
                member,
                member.findElements(By.cssSelector(".conversation-actions button")).stream()
                        .filter(b -> b.getText().equals("Resolve"))
                        .findFirst()
                        .orElseThrow());
        wait(member)
                .until(d -> d.findElement(By.id("inbox-conversation"))
                        .getText()
                        .contains("resolved without asking for a rating"));

        wait(shopper)
                .until(d -> widget().findElements(By.cssSelector(".note")).stream()
                        .anyMatch(n -> n.getText().contains("This conversation is closed")));
        assertThat(widget().findElements(By.cssSelector(".rate")))
                .as("no rating asked")
                .isEmpty();
    }

    /**
     * Presence and typing: Bo, with the conversation open in his browser, sees Ana's chip there (viewing, then writing
     * a note); the shopper's open widget shows nothing while she writes the note, then "Support is typing…" while she
     * writes a reply, gone once the reply arrives.
     */
    @Test
    void aColleagueSeesWhoElseIsThereAndTheShopperSeesTypingForRepliesOnly() throws Exception {
        var org = fixtures.organization(Tier.PRO);
        String shopOrigin = shopWithWidget(org, "Sock Shop", "socks.example", "Sock assistant");
        shopperAsksForAPerson(shopOrigin);
        String id = platform.jdbc()
                .sql("SELECT id FROM conversations WHERE organization_id = :org")
                .param("org", org.organization().id().value())
                .query(String.class)
                .single();
        String conversation =
                "http://localhost:" + port + "/app/" + org.organization().id() + "/live/inbox/" + id;

        WebDriver colleague = Browsers.headless();
        try {
            colleague.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 1000));
            signIn(colleague, people.join(org.organization().id(), MemberRole.ADMIN));
            colleague.get(conversation);
            waitForStream(colleague);
            signIn(member, people.join(org.organization().id(), MemberRole.AGENT));
            member.get(conversation);

            // Bo sees Ana there, named in the chip's label.
            wait(colleague)
                    .until(d -> !d.findElements(
                                    By.cssSelector("#presence .presence-chip[aria-label='Pat agent is viewing']"))
                            .isEmpty());
            assertThat(colleague
                            .findElement(By.cssSelector("#presence .presence-chip"))
                            .getText())
                    .isEqualTo("PA");
            assertThat(colleague.findElement(By.id("presence")).getText()).contains("Pat agent is viewing");
            // And Ana sees Bo.
            wait(member).until(d -> d.findElement(By.id("presence")).getText().contains("Pat admin is viewing"));

            // Ana writes a note: Bo sees it; the shopper sees no one typing.
            keys("n");
            member.findElement(By.id("composer-text")).sendKeys("Check the refund first");
            wait(colleague)
                    .until(d -> d.findElement(By.id("presence")).getText().contains("Pat agent is writing a note"));
            sleep(1500);
            assertThat(widget().findElement(By.cssSelector(".typing")).getText())
                    .as("the widget while a note is written")
                    .isEmpty();

            // She clears it and writes a reply instead: the shopper sees that someone types, until the reply comes.
            member.findElement(By.id("composer-text")).clear();
            click(member, member.findElement(By.cssSelector("input[name=mode][value=reply]")));
            member.findElement(By.id("composer-text")).sendKeys("Hi, let me look");
            wait(colleague)
                    .until(d -> d.findElement(By.id("presence")).getText().contains("Pat agent is writing a reply"));
            wait(shopper)
                    .until(d -> widget().findElement(By.cssSelector(".typing"))
                            .getText()
                            .equals("Support is typing…"));
            js(colleague).executeScript("window.scrollTo(0, 0)");
            picture(colleague, "inbox-presence");
            picture(shopper, "widget-typing");
            click(member, member.findElement(By.cssSelector("form.composer button[type=submit]")));
            wait(shopper)
                    .until(d -> widget().findElements(By.cssSelector(".msg.human_agent")).stream()
                            .anyMatch(m -> m.getText().contains("Hi, let me look")));
            assertThat(widget().findElement(By.cssSelector(".typing")).getText())
                    .as("the typing line once the reply arrived")
                    .isEmpty();
        } finally {
            Browsers.quit(colleague);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void signIn(WebDriver d, MemberFixtures.Person person) {
        d.get("http://localhost:" + port + "/login");
        d.findElement(By.id("email")).sendKeys(person.email());
        d.findElement(By.id("password")).sendKeys(person.password());
        d.findElement(By.cssSelector("button[type=submit]")).click();
        wait(d).until(x -> !x.getCurrentUrl().contains("/login"));
    }

    /** Keys typed into whatever has focus, as a person types them. */
    private void keys(CharSequence... keys) {
        new org.openqa.selenium.interactions.Actions(member).sendKeys(keys).perform();
    }

    /** The conversation of the queue item that has focus, or null. */
    private String focusedConversation() {
        return (String) js(member)
                .executeScript("var li = document.activeElement && document.activeElement.closest('.queue-item');"
                        + " return li ? li.dataset.conversationId : null;");
    }

    /** A store of {@code org} whose allowed website is the test's shop page, with an agent's widget on that page. */
    private String shopWithWidget(Fixtures.Org org, String name, String domain, String agentName) {
        String shopOrigin = "http://127.0.0.1:" + shopSite.getAddress().getPort();
        String widgetKey = TenantContext.callAs(org.live(), () -> {
            var store = tenancy.createStore(name, domain, List.of(shopOrigin));
            return agents.deploy(store.id(), agents.customerServiceV1().id(), agentName, "{}")
                    .publicKey();
        });
        shopPage = "<!doctype html><html lang=en><head><title>" + name + "</title></head><body><h1>" + name + "</h1>"
                + "<script src=\"http://localhost:" + port + "/widget.js\" data-key=\"" + widgetKey
                + "\" async></script></body></html>";
        return shopOrigin;
    }

    /** The shopper opens the shop page's widget and asks for a person; the widget says one will take over. */
    private void shopperAsksForAPerson(String shopOrigin) {
        shopper.get(shopOrigin + "/");
        widget().findElement(By.cssSelector(".launcher")).click();
        WebElement input = wait(shopper).until(d -> widget().findElement(By.cssSelector("textarea")));
        input.sendKeys("I want to talk to a human please");
        input.sendKeys(Keys.ENTER);
        wait(shopper)
                .until(d -> widget().findElements(By.cssSelector(".note")).stream()
                        .anyMatch(n -> n.getText().contains("person from our team")));
    }

    private String status(String id) {
        return platform.jdbc()
                .sql("SELECT status FROM conversations WHERE id = :id")
                .param("id", UUID.fromString(id))
                .query(String.class)
                .single();
    }

    private void handOffReplyResolveRate(int memberPort) {
        var org = fixtures.organization(Tier.PRO);
        String shopOrigin = shopWithWidget(org, "Trail Shop", "trail.example", "Trail assistant");
        var agent = people.join(org.organization().id(), MemberRole.AGENT);
        String inbox =
                "http://localhost:" + memberPort + "/app/" + org.organization().id() + "/live/inbox";

        // The member signs in and opens the inbox: nobody waits yet.
        member.get("http://localhost:" + memberPort + "/login");
        member.findElement(By.id("email")).sendKeys(agent.email());
        member.findElement(By.id("password")).sendKeys(agent.password());
        member.findElement(By.cssSelector("button[type=submit]")).click();
        wait(member).until(d -> !d.getCurrentUrl().contains("/login"));
        member.get(inbox);
        wait(member).until(d -> d.findElement(By.id("inbox-queue")).getText().contains("No one is waiting"));
        // Marks this very page: a reload would lose it.
        js(member).executeScript("window.__sameInboxPage = true;");
        waitForStream(member);

        // The shopper asks for a person.
        shopperAsksForAPerson(shopOrigin);

        // It appears in the open inbox without a reload, waiting and unassigned.
        WebElement item = new WebDriverWait(member, Duration.ofSeconds(10))
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .until(d -> d.findElements(By.cssSelector("#inbox-queue .queue-item")).stream()
                        .filter(i -> i.getText().contains("I want to talk to a human please"))
                        .findFirst()
                        .orElse(null));
        assertThat(js(member).executeScript("return window.__sameInboxPage === true"))
                .isEqualTo(true);
        wait(member)
                .until(d -> d.findElement(By.cssSelector("#inbox-queue .queue-item"))
                        .getText()
                        .contains("Unassigned"));
        wait(member).until(d -> d.getTitle().startsWith("(1) "));

        // The member opens it (the reason and the transcript are there), claims it and replies.
        wait(member).until(d -> {
            d.findElement(By.cssSelector("#inbox-queue .queue-item a")).click();
            return true;
        });
        wait(member)
                .until(d -> d.findElement(By.id("inbox-conversation")).getText().contains("Handed to a person"));
        if (memberPort == port) {
            accessible(member, "inbox conversation, 1280 px");
            member.manage().window().setSize(new org.openqa.selenium.Dimension(375, 800));
            wait(member).until(d -> d.findElement(By.cssSelector(".back-link")).isDisplayed());
            assertThat(js(member).executeScript("return document.documentElement.scrollWidth <= window.innerWidth"))
                    .as("nothing scrolls sideways at 375 px")
                    .isEqualTo(true);
            accessible(member, "inbox conversation, 375 px");
            member.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 1000));
        }
        click(member, member.findElement(By.cssSelector(".conversation-actions button.primary")));
        wait(member)
                .until(d -> d.findElement(By.id("inbox-conversation")).getText().contains("Assigned to Pat agent"));
        WebElement composer = member.findElement(By.id("composer-text"));
        composer.sendKeys("Hi, I'm Pat. How can I help?");
        click(member, member.findElement(By.cssSelector("form.composer button[type=submit]")));
        wait(member)
                .until(d -> d.findElements(By.cssSelector(".transcript .role-human_agent"))
                                .size()
                        == 1);
        assertThat(member.findElement(By.id("composer-text")).getAttribute("value"))
                .as("a sent reply's draft is gone")
                .isEmpty();

        // The shopper's open widget shows who joined and the reply, without a reload.
        WebElement reply = new WebDriverWait(shopper, Duration.ofSeconds(10))
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .until(d -> widget().findElements(By.cssSelector(".msg.human_agent")).stream()
                        .findFirst()
                        .orElse(null));
        assertThat(reply.getText()).contains("Pat agent").contains("Hi, I'm Pat. How can I help?");
        assertThat(widget().findElements(By.cssSelector(".note")).stream().map(WebElement::getText))
                .anyMatch(t -> t.contains("Pat agent joined the conversation."));
        if (memberPort == port) {
            inboxPicture();
        }

        // The member resolves; the shopper is asked for a rating and gives one.
        click(
                member,
                member.findElements(By.cssSelector(".conversation-actions button")).stream()
                        .filter(b -> b.getText().equals("Resolve"))
                        .findFirst()
                        .orElseThrow());
        wait(member)
                .until(d -> d.findElement(By.id("inbox-conversation")).getText().contains("resolved"));
        // 20 s: once, beside a whole CI run on the 2 cores, the rating took longer than 10 s to reach the widget.
        WebElement five = new WebDriverWait(shopper, Duration.ofSeconds(20))
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .until(d -> widget().findElements(By.cssSelector(".rate .stars button")).stream()
                        .filter(b -> "5 of 5".equals(b.getAttribute("aria-label")))
                        .findFirst()
                        .orElse(null));
        five.click();
        widget().findElement(By.cssSelector(".rate textarea")).sendKeys("Quick and kind");
        widget().findElement(By.cssSelector(".rate .send")).click();
        wait(shopper)
                .until(d ->
                        widget().findElement(By.cssSelector(".rate")).getText().contains("Thank you"));

        var rating = platform.jdbc()
                .sql("SELECT rating, rating_comment, first_human_reply_at IS NOT NULL AS replied"
                        + " FROM conversations WHERE organization_id = :org")
                .param("org", org.organization().id().value())
                .query((rs, row) -> List.of(rs.getInt(1), rs.getString(2), rs.getBoolean(3)))
                .single();
        assertThat(rating).containsExactly(5, "Quick and kind", true);
    }

    /**
     * The inbox with the conversation just answered, in {@code target/screenshots/inbox.png}, and for the README in
     * {@code docs/inbox.png} with {@code -Ddocs.screenshots=true}.
     */
    private void inboxPicture() {
        js(member).executeScript("window.scrollTo(0, 0)");
        try {
            Path shot = Path.of("target/screenshots/inbox.png");
            Files.createDirectories(shot.getParent());
            Files.copy(
                    ((TakesScreenshot) member).getScreenshotAs(OutputType.FILE).toPath(),
                    shot,
                    StandardCopyOption.REPLACE_EXISTING);
            if (Boolean.getBoolean("docs.screenshots")) {
                Files.copy(shot, Path.of("docs/inbox.png"), StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The page as the member sees it now, in {@code target/screenshots/<name>.png} (never the docs' pictures). */
    private static void picture(String name) {
        picture(member, name);
    }

    private static void picture(WebDriver d, String name) {
        try {
            Path shot = Path.of("target/screenshots/" + name + ".png");
            Files.createDirectories(shot.getParent());
            Files.copy(
                    ((TakesScreenshot) d).getScreenshotAs(OutputType.FILE).toPath(),
                    shot,
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** No serious or critical axe-core violation on the page (skipped where axe-core is not installed). */
    private static void accessible(WebDriver d, String page) {
        if (!Browsers.axeInstalled()) {
            return; // the check alone is skipped, not the rest of the test; DashboardBrowserTests says how to install
            // it
        }
        try {
            assertThat(Browsers.seriousViolations(d, "document"))
                    .as("serious axe violations on " + page)
                    .isEmpty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Clicks as a person would: scrolled to the middle of the view, clear of the sticky top bar. */
    private static void click(WebDriver d, WebElement element) {
        js(d).executeScript("arguments[0].scrollIntoView({block: 'center'});", element);
        element.click();
    }

    private void waitForStream(WebDriver d) {
        // The page's stream is connected once the counts came back (the badge is written, even at zero).
        wait(d).until(x -> !x.findElements(By.cssSelector("#sidebar a.icon-inbox .nav-count"))
                .isEmpty());
    }

    private SearchContext widget() {
        WebElement host = wait(shopper)
                .until(d -> d.findElements(By.id("support-agent-widget")).stream()
                        .findFirst()
                        .orElse(null));
        return host.getShadowRoot();
    }

    /** Waits, reading again when a live update swapped the element out under the reader. */
    private static org.openqa.selenium.support.ui.FluentWait<WebDriver> wait(WebDriver d) {
        return new WebDriverWait(d, Duration.ofSeconds(20))
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class);
    }

    private static JavascriptExecutor js(WebDriver d) {
        return (JavascriptExecutor) d;
    }

    private static int secondNode() {
        if (nodeB == null) {
            Map<String, Object> properties = new HashMap<>();
            properties.put("server.port", "0");
            properties.put("support-agent.database.url", TestDatabase.url());
            properties.put("support-agent.database.pool-size", "4");
            properties.put("support-agent.demo.enabled", "false");
            properties.put("support-agent.api-keys.bcrypt-cost", "4");
            properties.put("support-agent.operator-token", "op_second_node_token_for_tests_" + UUID.randomUUID());
            nodeB = new SpringApplicationBuilder(SupportAgentApplication.class)
                    .run(properties.entrySet().stream()
                            .map(e -> "--" + e.getKey() + "=" + e.getValue())
                            .toArray(String[]::new));
        }
        return Integer.parseInt(nodeB.getEnvironment().getProperty("local.server.port"));
    }
}
