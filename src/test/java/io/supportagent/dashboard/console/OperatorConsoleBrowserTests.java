package io.supportagent.dashboard.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.supportagent.members.OperatorStaffService;
import io.supportagent.platform.OrganizationId;
import io.supportagent.support.Browsers;
import io.supportagent.support.DashboardTest;
import io.supportagent.support.Http;
import io.supportagent.tenancy.TenancyService;
import io.supportagent.tenancy.Tier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * A real headless Chromium: operator staff sign in at {@code /login}, land on the console, create an organization
 * with its owner's email (the invitation link shown once), move it to another tier, and publish an agent definition
 * version; the organization's own audit log names them. Every console page passes axe-core with no serious or
 * critical violation at 1280 px and at 375 px, where nothing scrolls sideways. Screenshots go to
 * {@code target/screenshots/console-*.png}.
 */
@DashboardTest
class OperatorConsoleBrowserTests {

    static final Path SCREENSHOTS = Path.of("target/screenshots");

    static WebDriver browser;

    @LocalServerPort
    int port;

    @Autowired
    OperatorStaffService staff;

    @Autowired
    TenancyService tenancy;

    @Autowired
    io.supportagent.platform.OperatorToken operatorToken;

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
        return new WebDriverWait(browser, Duration.ofSeconds(20));
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }

    private void type(String id, String text) {
        WebElement field = browser.findElement(By.id(id));
        field.clear();
        field.sendKeys(text);
    }

    /** Submits the form holding the element, and waits for the page it leads to (htmx swaps boosted pages in). */
    private void submit(By button, String expectedText) {
        browser.findElement(button).click();
        waiting().until(d -> d.findElement(By.tagName("body")).getText().contains(expectedText));
    }

    @Test
    void operatorStaffCreateAnOrganizationChangeItsTierAndPublishADefinitionVersion() throws Exception {
        String email = "console-" + UUID.randomUUID().toString().substring(0, 8) + "@platform.example";
        String password = staff.create(email, "Casey Console").password();
        String name = "Summit Gear " + UUID.randomUUID().toString().substring(0, 6);
        String ownerEmail = "owner-" + UUID.randomUUID().toString().substring(0, 6) + "@summit.example";
        browser.manage().window().setSize(new Dimension(1280, 900));

        // Sign in on the same page as members, and land on the console.
        browser.get(url("/login"));
        type("email", email);
        type("password", password);
        browser.findElement(By.cssSelector("form button[type=submit]")).click();
        waiting().until(d -> d.getCurrentUrl().endsWith("/platform/organizations"));
        accessible("console-organizations");

        // Create an organization with its owner: the invitation link is shown once.
        type("new-name", name);
        new Select(browser.findElement(By.id("new-tier"))).selectByValue("basic");
        type("new-owner", ownerEmail);
        type("new-zone", "Europe/Berlin");
        submit(By.xpath("//button[normalize-space()='Create organization']"), "Owner invitation");
        String invitation = browser.findElement(By.id("invitation-url")).getAttribute("value");
        assertThat(invitation).contains("/invitations/accept?token=");
        Matcher id = Pattern.compile("/platform/organizations/([0-9a-f-]{36})").matcher(browser.getCurrentUrl());
        assertThat(id.find()).as(browser.getCurrentUrl()).isTrue();
        OrganizationId org = OrganizationId.parse(id.group(1));
        screenshot("console-organization-created");
        accessible("console-organization");

        // Move it to another tier.
        new Select(browser.findElement(By.id("org-tier"))).selectByValue("enterprise");
        submit(By.xpath("//button[normalize-space()='Save plan and settings']"), "Saved " + name + ": enterprise");
        assertThat(tenancy.findOrganization(org).orElseThrow().tier()).isEqualTo(Tier.ENTERPRISE);
        assertThat(browser.findElement(By.id("main")).getText())
                .doesNotContain("/invitations/accept?token=") // shown once
                .contains("Operator staff " + email, "Changed the tier from basic to enterprise");

        // A refused change shows its reason on the page (htmx swaps 4xx pages in, as on the dashboard), changing
        // nothing.
        type("org-zone", "Mars/Olympus");
        submit(By.xpath("//button[normalize-space()='Save plan and settings']"), "IANA time zone");
        assertThat(tenancy.findOrganization(org).orElseThrow().billingTimezone())
                .isEqualTo("Europe/Berlin");

        // Publish a definition version with its prompt, tools and default config.
        ((JavascriptExecutor) browser).executeScript("window.scrollTo(0, 0)"); // the navigation, above the form
        browser.findElement(By.linkText("Agent definitions")).click();
        waiting().until(d -> d.getCurrentUrl().endsWith("/platform/agent-definitions"));
        accessible("console-definitions");
        String type = "browser_" + UUID.randomUUID().toString().substring(0, 8);
        type("def-type", type);
        type("def-version", "2.0.0");
        type("def-name", "Browser-published agent");
        type("def-description", "Answers in shorter sentences.");
        type("def-prompt", "You are a concise support assistant.");
        browser.findElement(By.id("tool-lookup_order")).click(); // off: only knowledge search and hand-off
        type("def-config", "{\"greeting\": \"Hi there\"}");
        submit(By.xpath("//button[normalize-space()='Publish version']"), "Instances running this version");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo(type + " 2.0.0");
        accessible("console-definition");
        JsonNode published = Http.on(port)
                .bearer(operatorToken.reveal())
                .get("/platform/v1/agent-definitions?type=" + type)
                .json()
                .get("data")
                .get(0);
        assertThat(published.get("version").asString()).isEqualTo("2.0.0");
        assertThat(published.get("tools").toString()).isEqualTo("[\"search_knowledge\",\"handoff_to_human\"]");
        assertThat(published.get("default_config").get("greeting").asString()).isEqualTo("Hi there");

        // The other pages: billing, an empty invoice list, webhook health.
        Map<String, String> pages = new LinkedHashMap<>();
        pages.put("console-organizations", "/platform/organizations");
        pages.put("console-organization", "/platform/organizations/" + org);
        pages.put("console-billing", "/platform/billing");
        pages.put("console-definitions", "/platform/agent-definitions");
        pages.put("console-webhooks", "/platform/webhooks");
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
