package io.supportagent.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.supportagent.members.MemberService;
import io.supportagent.platform.MemberRole;
import io.supportagent.platform.OperatorToken;
import io.supportagent.platform.Tenant;
import io.supportagent.platform.TenantContext;
import io.supportagent.support.Browsers;
import io.supportagent.support.DashboardTest;
import io.supportagent.support.Fixtures;
import io.supportagent.support.Http;
import io.supportagent.support.MemberFixtures;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.SearchContext;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A real headless Chromium walks an owner's first day: the operator creates the organization with the owner's email,
 * the owner opens the invitation link, chooses a password, signs in and sees the overview; then every page of the
 * dashboard passes axe-core with no serious or critical violation, at desktop width and at 375 px, where nothing
 * scrolls sideways. Screenshots of each page at both widths land in {@code target/screenshots/}.
 */
@DashboardTest
class DashboardBrowserTests {

    static final Path SCREENSHOTS = Path.of("target/screenshots");

    static WebDriver browser;

    @LocalServerPort
    int port;

    @Autowired
    OperatorToken operatorToken;

    @Autowired
    Fixtures fixtures;

    @Autowired
    MemberFixtures people;

    @Autowired
    MemberService members;

    @Autowired
    io.supportagent.tenancy.TenancyService tenancy;

    @Autowired
    io.supportagent.agents.AgentService agents;

    @BeforeAll
    static void startBrowser() throws Exception {
        browser = Browsers.headless();
        Files.createDirectories(SCREENSHOTS);
    }

    @AfterAll
    static void stopBrowser() {
        Browsers.quit(browser);
    }

    private WebDriverWait waiting() {
        // htmx swaps pages in place: an element read while the swap happens goes stale, and is read again.
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
        wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
        return wait;
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }

    @Test
    void anOwnerAcceptsTheInvitationSignsInAndFindsEveryPageAccessible() throws Exception {
        String email = "owner-" + UUID.randomUUID().toString().substring(0, 8) + "@people.example";
        var created = Http.on(port)
                .bearer(operatorToken.reveal())
                .post(
                        "/platform/v1/organizations",
                        Map.of("name", "Trailhead Outfitters", "tier", "basic", "owner_email", email));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String org = created.json().get("id").asString();
        String invitation = created.json().get("owner_invitation_url").asString();
        String liveKey = created.json().get("live_key").get("secret").asString();
        conversationsToday(org, liveKey, 7);

        browser.manage().window().setSize(new Dimension(1280, 900));
        browser.get(url(invitation.substring(invitation.indexOf("/invitations/"))));
        screenshot("invitation");
        accessible("invitation");
        browser.findElement(By.id("name")).sendKeys("Olivia Owner");
        browser.findElement(By.id("password")).sendKeys("trail mix and coffee");
        browser.findElement(By.id("password_confirmation")).sendKeys("trail mix and coffee");
        browser.findElement(By.cssSelector("button[type=submit]")).click();

        waiting().until(d -> d.getCurrentUrl().contains("/login"));
        assertThat(browser.getPageSource()).contains("Your account is ready");
        screenshot("sign-in");
        accessible("sign-in");
        assertThat(browser.findElement(By.id("email")).getAttribute("value")).isEqualTo(email);
        browser.findElement(By.id("password")).sendKeys("trail mix and coffee");
        browser.findElement(By.cssSelector("form button[type=submit]")).click();

        waiting().until(d -> d.getCurrentUrl().endsWith("/app/" + org + "/live"));
        waiting()
                .until(d -> !d.findElements(By.cssSelector("#chart-days-title")).isEmpty());
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Overview");
        assertThat(browser.findElement(By.cssSelector(".stat .big")).getText())
                .as("this month's conversations against the included ones, prorated from the day it was created")
                .startsWith("7 of ")
                .contains("included");
        waiting()
                .until(d -> !d.findElements(By.cssSelector("[data-chart=chart-days] canvas"))
                        .isEmpty());

        // Some colleagues and history, so that the team and the audit log have rows.
        people.join(new io.supportagent.platform.OrganizationId(UUID.fromString(org)), MemberRole.BILLING);
        members.inviteAsOperator(
                new io.supportagent.platform.OrganizationId(UUID.fromString(org)),
                "new-agent@people.example",
                MemberRole.AGENT);

        Map<String, String> pages = new LinkedHashMap<>();
        pages.put("overview", "/app/" + org + "/live");
        pages.put("usage", "/app/" + org + "/live/usage");
        pages.put("invoices", "/app/" + org + "/live/invoices");
        pages.put("invoice", "/app/" + org + "/live/invoices/" + YearMonth.now(ZoneOffset.UTC));
        pages.put("team", "/app/" + org + "/live/team");
        pages.put("audit", "/app/" + org + "/live/audit");
        pages.put("overview-test-mode", "/app/" + org + "/test");
        for (var page : pages.entrySet()) {
            browser.manage().window().setSize(new Dimension(1280, 900));
            browser.get(url(page.getValue()));
            waiting().until(d -> d.findElement(By.tagName("h1")).isDisplayed());
            screenshot(page.getKey());
            accessible(page.getKey());
            browser.manage().window().setSize(new Dimension(375, 812));
            browser.navigate().refresh();
            waiting().until(d -> d.findElement(By.tagName("h1")).isDisplayed());
            assertThat(((JavascriptExecutor) browser)
                            .executeScript("return document.documentElement.scrollWidth <= window.innerWidth"))
                    .as(page.getKey() + " fits 375 px without scrolling sideways")
                    .isEqualTo(true);
            screenshot(page.getKey() + "-375");
            accessible(page.getKey() + " at 375 px");
        }
        browser.manage().window().setSize(new Dimension(1280, 900));

        // The live/test switch keeps the section and says which mode is on.
        browser.get(url("/app/" + org + "/live/usage"));
        browser.findElement(By.cssSelector("a.mode-switch")).click();
        waiting().until(d -> d.getCurrentUrl().endsWith("/app/" + org + "/test/usage"));
        waiting().until(d -> !d.findElements(By.cssSelector(".test-banner")).isEmpty());
        assertThat(browser.findElement(By.cssSelector("a.mode-switch")).getAttribute("aria-checked"))
                .isEqualTo("true");

        // Password reset pages, signed out.
        browser.get(url("/app/" + org + "/live"));
        browser.findElement(By.cssSelector(".account-menu summary")).click();
        browser.findElement(By.cssSelector(".account-menu button[type=submit]")).click();
        waiting().until(d -> d.getCurrentUrl().contains("/login"));
        browser.get(url("/password-reset"));
        screenshot("password-reset");
        accessible("password-reset");
    }

    /**
     * An owner's first day, all through the pages: accept the invitation, choose a password, sign in, read the usage,
     * create a key (copied once), add a store for the shop's website, deploy an agent on it and set its greeting
     * (watching the preview), import articles from a Markdown file, then open the shop's page with the embed snippet,
     * chat with the widget, and find that conversation and its cited answer in the dashboard. Every new page passes
     * axe-core at 1280 px and at 375 px, where nothing scrolls sideways.
     */
    @Test
    void anOwnersFirstDayFromTheInvitationToTheirFirstConversation() throws Exception {
        com.sun.net.httpserver.HttpServer shopSite =
                com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        String shopOrigin = "http://127.0.0.1:" + shopSite.getAddress().getPort();
        java.util.concurrent.atomic.AtomicReference<String> shopPage =
                new java.util.concurrent.atomic.AtomicReference<>();
        shopSite.createContext("/", exchange -> {
            byte[] page = shopPage.get().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, page.length);
            exchange.getResponseBody().write(page);
            exchange.close();
        });
        shopSite.start();
        try {
            String email = "first-day-" + UUID.randomUUID().toString().substring(0, 8) + "@people.example";
            var created = Http.on(port)
                    .bearer(operatorToken.reveal())
                    .post(
                            "/platform/v1/organizations",
                            Map.of("name", "Summit Supplies", "tier", "basic", "owner_email", email));
            assertThat(created.status()).as(created.toString()).isEqualTo(201);
            String org = created.json().get("id").asString();
            String invitation = created.json().get("owner_invitation_url").asString();
            String base = "/app/" + org + "/live";

            browser.manage().window().setSize(new Dimension(1280, 900));
            browser.manage().deleteAllCookies();
            browser.get(url(invitation.substring(invitation.indexOf("/invitations/"))));
            browser.findElement(By.id("name")).sendKeys("Fiona First");
            browser.findElement(By.id("password")).sendKeys("summit coffee at dawn");
            browser.findElement(By.id("password_confirmation")).sendKeys("summit coffee at dawn");
            browser.findElement(By.cssSelector("button[type=submit]")).click();
            waiting().until(d -> d.getCurrentUrl().contains("/login"));
            browser.findElement(By.id("password")).sendKeys("summit coffee at dawn");
            browser.findElement(By.cssSelector("form button[type=submit]")).click();
            waiting().until(d -> d.getCurrentUrl().endsWith(base));

            // Usage.
            click("a[href='" + base + "/usage']");
            waiting().until(d -> d.getCurrentUrl().endsWith(base + "/usage"));
            assertThat(heading()).isEqualTo("Usage");

            // A key, shown once with a copy button; "Done" waits for "I have saved this key".
            click("a[href='" + base + "/api-keys']");
            waiting().until(d -> heading().startsWith("API keys"));
            browser.findElement(By.id("key-name")).sendKeys("Order sync server");
            browser.findElement(By.id("key-name")).submit();
            WebElement secret = waiting()
                    .until(d -> d.findElements(By.id("new-secret")).stream()
                            .findFirst()
                            .orElse(null));
            String secretText = secret.getText();
            assertThat(secretText).startsWith("sk_live_");
            assertThat(browser.findElement(By.id("saved-done")).isEnabled()).isFalse();
            pageChecks("api-key-created");
            browser.findElement(By.cssSelector("[data-copy='#new-secret']")).click();
            waiting()
                    .until(d -> d.findElement(By.cssSelector("[data-copy='#new-secret']"))
                            .getText()
                            .matches("Copied|Selected: press Ctrl\\+C|Select and copy it yourself"));
            browser.findElement(By.id("saved-it")).click();
            browser.findElement(By.id("saved-done")).click();
            waiting().until(d -> d.findElements(By.id("new-secret")).isEmpty());
            assertThat(browser.getPageSource()).contains("Order sync server").doesNotContain(secretText);

            // A store for the shop's website.
            click("a[href='" + base + "/stores']");
            waiting().until(d -> heading().equals("Stores"));
            pageChecks("stores");
            browser.findElement(By.id("store-name")).sendKeys("Summit shop");
            browser.findElement(By.id("store-origins")).sendKeys(shopOrigin);
            browser.findElement(By.cssSelector("form[action$='/stores'] button[type=submit]"))
                    .click();
            waiting().until(d -> heading().equals("Summit shop"));

            // An agent on it, with a greeting watched in the preview.
            click("a[href='" + base + "/agents']");
            waiting().until(d -> heading().equals("Agents"));
            // The platform's customer_service 1.0.0: agent definitions are global, and other tests in this JVM publish
            // versions of their own (without the knowledge tool) that may come first in the list.
            new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("deploy-definition")))
                    .getOptions().stream()
                            .filter(o -> o.getText().endsWith(" 1.0.0"))
                            .findFirst()
                            .orElseThrow()
                            .click();
            browser.findElement(By.id("deploy-name")).sendKeys("Summit guide");
            browser.findElement(By.id("deploy-name")).submit();
            waiting().until(d -> heading().startsWith("Summit guide"));
            WebElement greeting = browser.findElement(By.id("greeting"));
            greeting.clear();
            greeting.sendKeys("Hello from Summit! Ask me anything.");
            assertThat(browser.findElement(By.cssSelector(".preview-greeting")).getText())
                    .isEqualTo("Hello from Summit! Ask me anything.");
            pageChecks("agent");
            browser.findElement(By.cssSelector("form[action$='/settings'] button[type=submit]"))
                    .click();
            waiting().until(d -> d.getPageSource().contains("Saved the settings"));
            pageChecks("agents-list", base + "/agents");

            // Articles from a Markdown file.
            Path articles = Files.createTempFile("summit-help", ".md");
            Files.writeString(articles, """
                    # Shipping times
                    URL: https://summit.example/help/shipping
                    Orders ship within 2 business days. Delivery takes 3 to 5 business days.

                    # Returns
                    Return anything within 30 days for a full refund.
                    """);
            click("a[href='" + base + "/knowledge']");
            waiting().until(d -> heading().startsWith("Knowledge"));
            browser.findElement(By.id("import-file"))
                    .sendKeys(articles.toAbsolutePath().toString());
            browser.findElement(By.cssSelector("form[action$='/import'] button[type=submit]"))
                    .click();
            waiting().until(d -> d.getPageSource().contains("Imported 2 articles"));
            assertThat(browser.getPageSource()).contains("Shipping times").contains("Returns");
            pageChecks("knowledge");

            // The store's page carries the snippet; the shop pastes it into its own page.
            click("a[href='" + base + "/stores']");
            waiting().until(d -> heading().equals("Stores"));
            browser.findElement(By.linkText("Summit shop")).click();
            waiting().until(d -> heading().equals("Summit shop"));
            pageChecks("store");
            String snippet = browser.findElement(By.id("snippet-0")).getText();
            assertThat(snippet).contains("data-key=\"pk_widget_");
            shopPage.set("<!doctype html><html lang=\"en\"><head><title>Summit Supplies</title></head><body><main>"
                    + "<h1>Summit Supplies</h1></main>" + snippet + "</body></html>");

            browser.get(shopOrigin + "/");
            SearchContext widget = waiting()
                    .until(d -> d.findElements(By.id("support-agent-widget")).stream()
                            .findFirst()
                            .orElse(null))
                    .getShadowRoot();
            widget.findElement(By.cssSelector(".launcher")).click();
            waiting().until(d -> widget.findElement(By.cssSelector(".panel")).isDisplayed());
            waiting()
                    .until(d -> widget.findElements(By.cssSelector(".msg.agent")).stream()
                            .anyMatch(m -> m.getText().contains("Hello from Summit")));
            WebElement input = widget.findElement(By.cssSelector("textarea"));
            input.sendKeys("How long does shipping take?");
            input.sendKeys(Keys.ENTER);
            try {
                waiting()
                        .until(d -> widget.findElements(By.cssSelector(".msg.agent")).stream()
                                .anyMatch(m -> m.getText().contains("business days")));
            } catch (org.openqa.selenium.TimeoutException e) {
                throw new AssertionError(
                        "The widget shows: "
                                + widget.findElements(By.cssSelector(".msg, .note")).stream()
                                        .map(m -> m.getAttribute("class") + ": " + m.getText())
                                        .toList(),
                        e);
            }
            screenshot("first-day-widget");

            // The conversation, in the dashboard.
            browser.get(url(base + "/conversations"));
            waiting().until(d -> heading().startsWith("Conversations"));
            pageChecks("conversations");
            browser.findElement(By.cssSelector("#conversation-results tbody a")).click();
            waiting().until(d -> heading().startsWith("Conversation with"));
            String transcript =
                    browser.findElement(By.cssSelector("[role=log]")).getText();
            assertThat(transcript)
                    .contains("How long does shipping take?")
                    .contains("AI agent")
                    .contains("business days")
                    .contains("Shipping times");
            pageChecks("conversation");

            // Webhooks and orders, for the accessibility walk.
            click("a[href='" + base + "/webhooks']");
            waiting().until(d -> heading().startsWith("Webhooks"));
            browser.findElement(By.id("endpoint-url")).sendKeys("https://hooks.example.com/summit");
            browser.findElement(By.id("endpoint-url")).submit();
            waiting().until(d -> !d.findElements(By.id("new-secret")).isEmpty());
            pageChecks("webhooks");
            browser.findElement(By.linkText("https://hooks.example.com/summit")).sendKeys(Keys.ENTER);
            waiting().until(d -> heading().equals("https://hooks.example.com/summit"));
            pageChecks("webhook");
            String store = storeIdFromPage(base);
            pageChecks("orders", base + "/knowledge/" + store + "/orders?find=1001");
            browser.get(url(base + "/knowledge/" + store));
            browser.findElement(By.linkText("Returns")).sendKeys(Keys.ENTER);
            waiting().until(d -> heading().equals("Returns"));
            pageChecks("article");
            String test = "/app/" + org + "/test";
            pageChecks("agents-test-mode", test + "/agents");
            pageChecks("api-keys-test-mode", test + "/api-keys");
            pageChecks("conversations-test-mode", test + "/conversations");
            pageChecks("audit", base + "/audit");

            // The overview after the first day, for the README (with -Ddocs.screenshots=true).
            browser.get(url(base));
            waiting()
                    .until(d -> !d.findElements(By.cssSelector("[data-chart=chart-days] canvas"))
                            .isEmpty());
            screenshot("dashboard");
            if (Boolean.getBoolean("docs.screenshots")) {
                Files.copy(
                        SCREENSHOTS.resolve("dashboard.png"),
                        Path.of("docs/dashboard.png"),
                        StandardCopyOption.REPLACE_EXISTING);
                Files.copy(
                        SCREENSHOTS.resolve("first-day-widget.png"),
                        Path.of("docs/widget.png"),
                        StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            shopSite.stop(0);
        }
    }

    private String storeIdFromPage(String base) {
        browser.get(url(base + "/stores"));
        String href = browser.findElement(By.linkText("Summit shop")).getAttribute("href");
        return href.substring(href.lastIndexOf('/') + 1);
    }

    private String heading() {
        return browser.findElement(By.tagName("h1")).getText();
    }

    /** Follows a navigation link by keyboard: focus it and press Enter. */
    private void click(String selector) {
        WebElement link = waiting()
                .until(d -> d.findElements(By.cssSelector(selector)).stream()
                        .filter(WebElement::isDisplayed)
                        .findFirst()
                        .orElse(null));
        link.sendKeys(Keys.ENTER);
    }

    /** axe-core on the current page (or {@code path}) at 1280 px and at 375 px, which must not scroll sideways. */
    private void pageChecks(String name, String... path) throws Exception {
        if (path.length > 0) {
            browser.get(url(path[0]));
            waiting().until(d -> d.findElement(By.tagName("h1")).isDisplayed());
        }
        screenshot(name);
        accessible(name);
        browser.manage().window().setSize(new Dimension(375, 812));
        try {
            assertThat(((JavascriptExecutor) browser)
                            .executeScript("return document.documentElement.scrollWidth <= window.innerWidth"))
                    .as(name + " fits 375 px without scrolling sideways")
                    .isEqualTo(true);
            screenshot(name + "-375");
            accessible(name + " at 375 px");
        } finally {
            browser.manage().window().setSize(new Dimension(1280, 900));
        }
    }

    /** A store with an agent, and live conversations started today through the organization API. */
    private void conversationsToday(String org, String liveKey, int count) {
        var tenant = Tenant.live(new io.supportagent.platform.OrganizationId(UUID.fromString(org)));
        String instance = TenantContext.callAs(tenant, () -> {
            var store =
                    tenancy.createStore("Trailhead shop", "trailhead.example", List.of("https://trailhead.example"));
            return agents.deploy(store.id(), agents.customerServiceV1().id(), "Trail guide", "{}")
                    .id()
                    .toString();
        });
        for (int i = 0; i < count; i++) {
            var started = Http.on(port)
                    .bearer(liveKey)
                    .post("/v1/conversations", Map.of("agent_instance_id", instance, "customer_name", "Shopper " + i));
            assertThat(started.status()).as(started.toString()).isEqualTo(201);
        }
    }

    private void screenshot(String name) throws Exception {
        Files.copy(
                ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath(),
                SCREENSHOTS.resolve(name + ".png"),
                StandardCopyOption.REPLACE_EXISTING);
    }

    private void accessible(String page) throws Exception {
        assertThat(Browsers.seriousViolations(browser, "document"))
                .as("serious axe violations on " + page)
                .isEmpty();
    }
}
