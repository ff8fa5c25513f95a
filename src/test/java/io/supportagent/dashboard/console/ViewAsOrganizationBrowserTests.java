package io.supportagent.dashboard.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.supportagent.members.OperatorStaffService;
import io.supportagent.platform.OrganizationId;
import io.supportagent.platform.db.PlatformJdbc;
import io.supportagent.support.Browsers;
import io.supportagent.support.DashboardTest;
import io.supportagent.support.Fixtures;
import io.supportagent.tenancy.Tier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A real headless Chromium: operator staff start a read-only view of an organization from the console with a reason,
 * land on its dashboard with the banner, keep it on every page they move to (htmx-boosted navigation included), see a
 * change refused on the page with the reason, and end the view with the banner's End button, back on the console. The
 * dashboard with the banner passes axe-core with no serious or critical violation. Screenshots go to
 * {@code target/screenshots/view-as-*.png}.
 */
@DashboardTest
class ViewAsOrganizationBrowserTests {

    static final Path SCREENSHOTS = Path.of("target/screenshots");

    static WebDriver browser;

    @LocalServerPort
    int port;

    @Autowired
    OperatorStaffService staff;

    @Autowired
    Fixtures fixtures;

    @Autowired
    PlatformJdbc platform;

    @BeforeAll
    static void startBrowser() throws Exception {
        browser = Browsers.headless();
        Files.createDirectories(SCREENSHOTS);
    }

    @AfterAll
    static void stopBrowser() {
        Browsers.quit(browser);
    }

    /** Waits, reading again an element htmx replaced meanwhile. */
    private org.openqa.selenium.support.ui.FluentWait<WebDriver> waiting() {
        return new WebDriverWait(browser, Duration.ofSeconds(20))
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class);
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }

    private void type(String id, String text) {
        WebElement field = browser.findElement(By.id(id));
        field.clear();
        field.sendKeys(text);
    }

    private String banner() {
        return browser.findElement(By.cssSelector(".operator-view-banner")).getText();
    }

    @Test
    void operatorStaffViewAnOrganizationUnderTheBannerOnEveryPageAndEndIt() throws Exception {
        String email = "viewer-" + UUID.randomUUID().toString().substring(0, 8) + "@platform.example";
        String password = staff.create(email, "Vera Viewer").password();
        staff.allowViewingAsOrganization(email, true);
        var org = fixtures.organization(Tier.PRO);
        OrganizationId id = org.organization().id();
        String name = org.organization().name();
        browser.manage().window().setSize(new Dimension(1280, 900));

        browser.get(url("/login"));
        type("email", email);
        type("password", password);
        browser.findElement(By.cssSelector("form button[type=submit]")).click();
        waiting().until(d -> d.getCurrentUrl().endsWith("/platform/organizations"));

        // Start from the organization's console page: a reason and a duration.
        browser.get(url("/platform/organizations/" + id));
        type("view-reason", "Ticket 9001: the owner cannot find the usage chart");
        new Select(browser.findElement(By.id("view-minutes"))).selectByValue("15");
        browser.findElement(By.xpath("//button[normalize-space()='View the dashboard, read-only']"))
                .click();
        waiting().until(d -> d.getCurrentUrl().endsWith("/app/" + id + "/live"));
        assertThat(banner())
                .contains("Viewing " + name + " as operator " + email, "read-only", "ends at", "UTC", "End");
        screenshot("view-as-overview");
        assertThat(Browsers.seriousViolations(browser, "document"))
                .as("serious axe violations on the dashboard with the banner")
                .isEmpty();

        // Every page keeps the banner: moving through the navigation (htmx swaps boosted pages in).
        for (String page : new String[] {"Usage", "API keys", "Audit log"}) {
            browser.findElement(By.linkText(page)).click();
            waiting().until(d -> d.findElement(By.tagName("h1")).getText().startsWith(page));
            assertThat(banner()).as(page).contains("as operator " + email);
        }

        // A change is refused on the page, saying why; nothing is created.
        browser.findElement(By.linkText("API keys")).click();
        waiting().until(d -> d.getCurrentUrl().endsWith("/api-keys"));
        type("key-name", "Made during a view");
        browser.findElement(By.xpath("//button[normalize-space()='Create key']"))
                .click();
        waiting().until(d -> d.findElement(By.tagName("body")).getText().contains("Read-only: nothing was changed"));
        screenshot("view-as-refused");
        assertThat(platform.jdbc()
                        .sql("SELECT count(*) FROM organization_api_keys WHERE organization_id = :org"
                                + " AND name = 'Made during a view'")
                        .param("org", id.value())
                        .query(Long.class)
                        .single())
                .isZero();

        // Back to the dashboard, and End: the console again, the view over.
        browser.findElement(By.linkText("Back to the dashboard")).click();
        waiting().until(d -> d.getCurrentUrl().endsWith("/app/" + id + "/live"));
        browser.findElement(By.cssSelector(".operator-view-banner button")).click();
        waiting().until(d -> d.getCurrentUrl().endsWith("/platform/organizations/" + id));
        waiting().until(d -> d.findElement(By.tagName("body")).getText().contains("You stopped viewing " + name));
        assertThat(browser.findElements(By.cssSelector(".operator-view-banner")))
                .isEmpty();
        assertThat(browser.findElement(By.id("main")).getText())
                .contains("Ticket 9001: the owner cannot find the usage chart");
        screenshot("view-as-ended");

        browser.get(url("/app/" + id + "/live"));
        assertThat(browser.findElements(By.cssSelector(".operator-view-banner")))
                .as("the organization's pages are closed again")
                .isEmpty();
    }

    private void screenshot(String name) throws Exception {
        Files.copy(
                ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath(),
                SCREENSHOTS.resolve(name + ".png"),
                StandardCopyOption.REPLACE_EXISTING);
    }
}
