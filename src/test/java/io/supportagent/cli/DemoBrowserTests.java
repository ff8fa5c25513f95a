package io.supportagent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.supportagent.conversations.ConversationService;
import io.supportagent.platform.TenantContext;
import io.supportagent.support.Browsers;
import io.supportagent.support.TestDatabaseInitializer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
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
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ContextConfiguration;

/**
 * A real headless Chromium on the demo page that {@code serve} prints: the widget answers from an article with a
 * cited link, discloses an order only with the right email, keeps the conversation across a reload, is
 * keyboard-operable and passes axe-core, and a page on an origin the store does not allow gets no conversation.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"support-agent.demo.enabled=true", "support-agent.api-keys.bcrypt-cost=4"})
@ContextConfiguration(initializers = TestDatabaseInitializer.class)
class DemoBrowserTests {

    static WebDriver browser;

    @LocalServerPort
    int port;

    @Autowired
    DemoSeeder demo;

    @Autowired
    ConversationService conversations;

    @BeforeAll
    static void startBrowser() throws Exception {
        browser = Browsers.headless();
    }

    @AfterAll
    static void stopBrowser() {
        Browsers.quit(browser);
    }

    private WebDriverWait waiting() {
        return new WebDriverWait(browser, Duration.ofSeconds(20));
    }

    private SearchContext widget() {
        WebElement host = waiting()
                .until(d -> d.findElements(By.id("support-agent-widget")).stream()
                        .findFirst()
                        .orElse(null));
        return host.getShadowRoot();
    }

    private void ask(String text) {
        WebElement input = widget().findElement(By.cssSelector("textarea"));
        input.sendKeys(text);
        input.sendKeys(Keys.ENTER);
    }

    private String lastAgentReplyContaining(String expected) {
        return waiting()
                .until(d -> widget().findElements(By.cssSelector(".msg.agent")).stream()
                        .map(WebElement::getText)
                        .filter(t -> t.contains(expected))
                        .findFirst()
                        .orElse(null));
    }

    private void openWidget() {
        widget().findElement(By.cssSelector(".launcher")).click();
        waiting().until(d -> widget().findElement(By.cssSelector(".panel")).isDisplayed());
    }

    @Test
    void aShopperChatsOnTheDemoPageAndTheConversationSurvivesAReload() throws Exception {
        browser.get("http://localhost:" + port + "/demo");
        openWidget();
        waiting().until(d -> widget().findElements(By.cssSelector(".msg.agent")).size() == 1); // the greeting
        assertThat(((JavascriptExecutor) browser)
                        .executeScript("return document.querySelector('#support-agent-widget')"
                                + ".shadowRoot.activeElement.tagName"))
                .isEqualTo("TEXTAREA");

        ask("How long does shipping take?");
        lastAgentReplyContaining("business days");
        WebElement link = waiting()
                .until(d -> widget().findElements(By.cssSelector(".msg.agent .cites a")).stream()
                        .findFirst()
                        .orElse(null));
        assertThat(link.getText()).isEqualTo("Shipping times and costs");
        assertThat(link.getAttribute("href")).isEqualTo("https://demo-outfitters.example/help/shipping");

        ask("Where is my order 1001? My email is alice@example.com");
        assertThat(lastAgentReplyContaining("Order 1001")).contains("shipped");
        ask("And order 1001 for mallory@example.com?");
        assertThat(lastAgentReplyContaining("couldn't find")).doesNotContain("Trail jacket");

        Files.copy(
                ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath(),
                Path.of("target/widget-demo.png"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        accessibilityCheck();

        widget().findElement(By.cssSelector("textarea")).sendKeys(Keys.ESCAPE);
        waiting().until(d -> !widget().findElement(By.cssSelector(".panel")).isDisplayed());
        assertThat(widget().findElement(By.cssSelector(".launcher")).getAttribute("aria-expanded"))
                .isEqualTo("false");

        browser.navigate().refresh();
        openWidget();
        waiting().until(d -> widget().findElements(By.cssSelector(".msg")).size() >= 6);
        List<String> history = widget().findElements(By.cssSelector(".msg")).stream()
                .map(WebElement::getText)
                .toList();
        assertThat(history.getFirst()).contains("How long does shipping take?");
        assertThat(String.join("\n", history)).contains("couldn't find");
        assertThat(widget().findElements(By.cssSelector(".cites a"))).isNotEmpty();
    }

    private void accessibilityCheck() throws Exception {
        assertThat(Browsers.seriousViolations(browser, "#support-agent-widget"))
                .as("serious axe violations in the widget")
                .isEmpty();
    }

    @Test
    void aPersonsReplyReachesTheOpenChatWithoutAReload() throws Exception {
        DemoSeeder.Demo shop = waitForDemo();
        browser.get("http://localhost:" + port + "/demo");
        ((JavascriptExecutor) browser).executeScript("localStorage.clear()"); // a new shopper
        browser.navigate().refresh();
        openWidget();

        ask("I'd like to talk to a person, please");
        waiting()
                .until(d -> widget().findElements(By.cssSelector(".note")).stream()
                        .anyMatch(n -> n.getText().contains("A person from our team")));
        String conversation = (String) ((JavascriptExecutor) browser)
                .executeScript(
                        "return JSON.parse(localStorage.getItem('support-agent:' + arguments[0])).id",
                        shop.instance().publicKey());

        // A person answers through the organization API while the shopper keeps the chat open.
        var answered = io.supportagent.support.Http.on(port)
                .bearer(shop.live().secret())
                .post(
                        "/v1/conversations/" + conversation + "/messages",
                        java.util.Map.of("role", "human_agent", "content", "Hi, Sam here from the team."));
        assertThat(answered.status()).as(answered.toString()).isEqualTo(201);

        String reply = waiting()
                .until(d -> widget().findElements(By.cssSelector(".msg.human_agent")).stream()
                        .map(WebElement::getText)
                        .filter(t -> t.contains("Sam here"))
                        .findFirst()
                        .orElse(null));
        assertThat(reply).contains("Hi, Sam here from the team.");
        assertThat(widget().findElements(By.cssSelector(".msg.human_agent")))
                .as("shown once, however often the widget asked")
                .hasSize(1);

        // Resolved by the team: the widget says so, and the next message starts a new conversation.
        var resolved = io.supportagent.support.Http.on(port)
                .bearer(shop.live().secret())
                .post("/v1/conversations/" + conversation + "/resolve", java.util.Map.of());
        assertThat(resolved.status()).as(resolved.toString()).isEqualTo(200);
        waiting()
                .until(d -> widget().findElements(By.cssSelector(".note")).stream()
                        .anyMatch(n -> n.getText().contains("closed")));
    }

    @Test
    void aConversationStartWhoseAnswerWasLostIsTheSameConversationWhenTheShopperTriesAgain() throws Exception {
        DemoSeeder.Demo shop = waitForDemo();
        browser.get("http://localhost:" + port + "/demo");
        JavascriptExecutor js = (JavascriptExecutor) browser;
        js.executeScript("localStorage.clear()");
        browser.navigate().refresh();
        // The network loses the answer to the first conversation start: the server made it, the page never hears.
        js.executeScript("""
                var real = window.fetch, lost = false;
                window.__starts = [];
                window.fetch = function (url, init) {
                  if (String(url).endsWith('/widget/v1/conversations') && init && init.method === 'POST') {
                    window.__starts.push(init.headers['Idempotency-Key']);
                    if (!lost) {
                      lost = true;
                      return real(url, init).then(function () { throw new TypeError('network error'); });
                    }
                  }
                  return real(url, init);
                };""");
        int before = liveConversations(shop);
        openWidget();

        ask("How long does shipping take?");
        waiting()
                .until(d -> widget().findElement(By.cssSelector(".status"))
                        .getText()
                        .contains("can't reach"));
        ask("How long does shipping take?");
        lastAgentReplyContaining("business days");

        @SuppressWarnings("unchecked")
        List<String> keys = (List<String>) js.executeScript("return window.__starts");
        assertThat(keys).hasSize(2);
        assertThat(keys.get(0)).isNotBlank().isEqualTo(keys.get(1));
        assertThat(liveConversations(shop))
                .as("one conversation started (and counted), not two")
                .isEqualTo(before + 1);
    }

    @Test
    void aStartAnswered503ShowsTheTryAgainMessageAndTheShoppersRetryIsTheSameStart() throws Exception {
        DemoSeeder.Demo shop = waitForDemo();
        browser.get("http://localhost:" + port + "/demo");
        JavascriptExecutor js = (JavascriptExecutor) browser;
        js.executeScript("localStorage.clear()");
        browser.navigate().refresh();
        // The database went away as the first start committed: the server answers 503, the start was made.
        js.executeScript("""
                var real = window.fetch, failed = false;
                window.__starts = [];
                window.fetch = function (url, init) {
                  if (String(url).endsWith('/widget/v1/conversations') && init && init.method === 'POST') {
                    window.__starts.push(init.headers['Idempotency-Key']);
                    if (!failed) {
                      failed = true;
                      return real(url, init).then(function () {
                        return new Response('{"code":"service_unavailable"}', {status: 503,
                          headers: {'Content-Type': 'application/problem+json', 'Retry-After': '2'}});
                      });
                    }
                  }
                  return real(url, init);
                };""");
        int before = liveConversations(shop);
        openWidget();

        ask("How long does shipping take?");
        waiting()
                .until(d -> widget().findElement(By.cssSelector(".status"))
                        .getText()
                        .contains("try again"));
        ask("How long does shipping take?");
        lastAgentReplyContaining("business days");

        @SuppressWarnings("unchecked")
        List<String> keys = (List<String>) js.executeScript("return window.__starts");
        assertThat(keys).hasSize(2);
        assertThat(keys.get(0))
                .as("a 503 does not end the start's key")
                .isNotBlank()
                .isEqualTo(keys.get(1));
        assertThat(liveConversations(shop)).isEqualTo(before + 1);
    }

    private int liveConversations(DemoSeeder.Demo shop) {
        return io.supportagent.support.Http.on(port)
                .bearer(shop.live().secret())
                .get("/v1/usage")
                .json()
                .get("conversations")
                .asInt();
    }

    private DemoSeeder.Demo waitForDemo() {
        return new WebDriverWait(browser, Duration.ofSeconds(20)).until(d -> demo.current());
    }

    private int demoConversations() {
        DemoSeeder.Demo d = waitForDemo();
        return TenantContext.callAs(
                io.supportagent.platform.Tenant.live(d.organization().id()),
                () -> conversations.latestOfStore(d.store().id(), 1000).size());
    }
}
