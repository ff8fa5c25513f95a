package io.supportagent.members;

import static org.assertj.core.api.Assertions.assertThat;

import io.supportagent.platform.MemberRole;
import io.supportagent.support.AuthenticatorApp;
import io.supportagent.support.Browsers;
import io.supportagent.support.DashboardTest;
import io.supportagent.support.Fixtures;
import io.supportagent.support.MemberFixtures;
import io.supportagent.support.TestClock;
import io.supportagent.tenancy.Tier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A real headless Chromium turns two-factor sign-in on as a person does: from the dashboard's account menu to the
 * sign-in security page, the key read off the page into an authenticator app (the QR code's content, typed), the
 * first code typed in, the recovery codes shown; then signs out, and signs in again with the password and a code.
 * The security page and the code's page pass axe-core with no serious or critical violation.
 */
@DashboardTest
class TwoFactorBrowserTests {

    static WebDriver browser;

    @LocalServerPort
    int port;

    @Autowired
    Fixtures fixtures;

    @Autowired
    MemberFixtures people;

    @Autowired
    TestClock clock;

    @BeforeAll
    static void startBrowser() throws Exception {
        browser = Browsers.headless();
        browser.manage().window().setSize(new Dimension(1280, 900));
    }

    @AfterAll
    static void stopBrowser() {
        Browsers.quit(browser);
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private WebDriverWait waiting() {
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
        wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
        return wait;
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }

    private void signInWithPassword(MemberFixtures.Person person) {
        browser.get(url("/login"));
        browser.findElement(By.id("email")).sendKeys(person.email());
        browser.findElement(By.id("password")).sendKeys(person.password());
        browser.findElement(By.cssSelector("form button[type=submit]")).click();
    }

    @Test
    void aMemberTurnsOnTwoFactorSignInSignsOutAndSignsInWithACode() throws Exception {
        var org = fixtures.organization(Tier.PRO);
        var owner = people.join(org.organization().id(), MemberRole.OWNER);
        String overview = "/app/" + org.organization().id() + "/live";
        signInWithPassword(owner);
        waiting().until(d -> d.getCurrentUrl().endsWith(overview));

        browser.findElement(By.cssSelector(".account-menu summary")).click();
        browser.findElement(By.linkText("Sign-in security")).click();
        waiting().until(d -> d.getCurrentUrl().endsWith("/app/account/security"));
        browser.findElement(By.xpath("//button[normalize-space()='Set up two-factor sign-in']"))
                .click();
        WebElement key = waiting().until(d -> d.findElement(By.id("two-factor-secret")));
        assertThat(browser.findElement(By.cssSelector(".qr-code svg")).isDisplayed())
                .isTrue();
        screenshot("two-factor-setup");
        accessible("the setup");
        AuthenticatorApp app = new AuthenticatorApp(key.getText());
        browser.findElement(By.id("enable-code")).sendKeys(app.codeAt(clock.instant()));
        browser.findElement(By.xpath("//button[normalize-space()='Turn on']")).click();

        waiting().until(d -> d.getPageSource().contains("Two-factor sign-in is on."));
        List<WebElement> codes = browser.findElements(By.cssSelector("#recovery-codes code"));
        assertThat(codes).hasSize(10);
        assertThat(browser.findElements(By.id("two-factor-secret")))
                .as("the key is not shown again")
                .isEmpty();
        accessible("the recovery codes");
        browser.findElement(By.xpath("//button[normalize-space()='Sign out']")).click();
        waiting().until(d -> d.getCurrentUrl().contains("/login?signed-out"));

        signInWithPassword(owner);
        waiting().until(d -> d.getCurrentUrl().endsWith("/login/two-factor"));
        screenshot("two-factor-sign-in");
        accessible("the code's page");
        browser.get(url(overview));
        assertThat(browser.getCurrentUrl()).as("no page before the code").endsWith("/login/two-factor");
        clock.moveTo(clock.instant().plusSeconds(30)); // the app's next code
        browser.findElement(By.id("code")).sendKeys(app.codeAt(clock.instant()));
        browser.findElement(By.xpath("//button[normalize-space()='Verify']")).click();

        waiting().until(d -> d.getCurrentUrl().endsWith(overview));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Overview");
    }

    private static void screenshot(String name) throws Exception {
        Path dir = Path.of("target/screenshots");
        Files.createDirectories(dir);
        Files.copy(
                ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath(),
                dir.resolve(name + ".png"),
                StandardCopyOption.REPLACE_EXISTING);
    }

    private static void accessible(String page) throws Exception {
        assertThat(Browsers.seriousViolations(browser, "document"))
                .as("serious axe violations on " + page)
                .isEmpty();
    }
}
