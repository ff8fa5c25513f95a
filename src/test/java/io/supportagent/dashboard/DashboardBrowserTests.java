package io.supportagent.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.supportagent.members.MemberService;
import io.supportagent.platform.MemberRole;
import io.supportagent.platform.OperatorToken;
import io.supportagent.platform.Tenant;
import io.supportagent.platform.TenantContext;
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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real headless Chromium walks an owner's first day: the operator creates the organization with the owner's email,
 * the owner opens the invitation link, chooses a password, signs in and sees the overview; then every page of the
 * dashboard passes axe-core with no serious or critical violation, at desktop width and at 375 px, where nothing
 * scrolls sideways. Screenshots of each page at both widths land in {@code target/screenshots/}.
 */
@DashboardTest
class DashboardBrowserTests {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Path AXE = Path.of("node_modules/axe-core/axe.min.js");
    static final Path SCREENSHOTS = Path.of("target/screenshots");

    static WebDriver browser;
    static Path profile;

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
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM), "Debian's chromium is not installed");
        profile = Files.createTempDirectory("chromium-profile");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--hide-scrollbars",
                "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        browser = new ChromeDriver(service, options);
        Files.createDirectories(SCREENSHOTS);
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    private WebDriverWait waiting() {
        return new WebDriverWait(browser, Duration.ofSeconds(20));
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
        Assumptions.assumeTrue(
                Files.exists(AXE),
                "axe-core is not installed: run `npm install --no-save axe-core@4` in the project root");
        JavascriptExecutor js = (JavascriptExecutor) browser;
        js.executeScript(Files.readString(AXE, StandardCharsets.UTF_8));
        Object result = js.executeAsyncScript("""
                var done = arguments[arguments.length - 1];
                axe.run(document, {resultTypes: ['violations']})
                   .then(function (r) { done(JSON.stringify(r.violations.map(function (v) {
                       return {id: v.id, impact: v.impact, nodes: v.nodes.length,
                               target: v.nodes.length ? v.nodes[0].target : null}; }))); })
                   .catch(function (e) { done('error: ' + e); });""");
        assertThat(result.toString()).doesNotStartWith("error");
        JsonNode violations = JsonMapper.builder().build().readTree(result.toString());
        List<String> serious = new ArrayList<>();
        for (JsonNode v : violations) {
            if (List.of("serious", "critical").contains(v.get("impact").asString())) {
                serious.add(v.toString());
            }
        }
        assertThat(serious).as("serious axe violations on " + page).isEmpty();
    }
}
