package io.supportagent.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.supportagent.billing.BillingService;
import io.supportagent.platform.MemberRole;
import io.supportagent.platform.OperatorToken;
import io.supportagent.platform.OrganizationId;
import io.supportagent.support.DashboardSession;
import io.supportagent.support.DashboardTest;
import io.supportagent.support.Http;
import io.supportagent.support.MemberFixtures;
import io.supportagent.support.TestClock;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The invoices page lists every finalized invoice, a $0 one too, and opens each as a printable page. */
@DashboardTest
class InvoicesPageTests {

    @LocalServerPort
    int port;

    @Autowired
    OperatorToken operatorToken;

    @Autowired
    MemberFixtures people;

    @Autowired
    BillingService billing;

    @Autowired
    TestClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void aZeroDollarInvoiceIsListedAndOpens() {
        var created = Http.on(port)
                .bearer(operatorToken.reveal())
                .post(
                        "/platform/v1/organizations",
                        Map.of(
                                "name",
                                "Free Ride " + UUID.randomUUID(),
                                "tier",
                                "enterprise",
                                "custom_pricing",
                                Map.of("base_fee_cents", 0, "included_conversations", 10, "overage_unit_price", "0")));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        OrganizationId org =
                new OrganizationId(UUID.fromString(created.json().get("id").asString()));
        var owner = people.join(org, MemberRole.BILLING);
        YearMonth month = YearMonth.now(ZoneOffset.UTC);
        clock.moveTo(month.plusMonths(1).atDay(2).atStartOfDay(ZoneOffset.UTC).toInstant());
        billing.run(month);

        DashboardSession browser = DashboardSession.signedIn(port, owner);
        String list = browser.get("/app/" + org + "/live/invoices").body();
        var invoice = browser.get("/app/" + org + "/live/invoices/" + month);

        assertThat(list).contains("/invoices/" + month).contains("$0.00").contains("finalized");
        assertThat(invoice.status()).isEqualTo(200);
        assertThat(invoice.body())
                .containsPattern("Invoice [0-9A-F]{8}-[0-9]{4}")
                .contains("$0.00")
                .contains("data-print");
        assertThat(browser.get("/app/" + org + "/live/invoices/" + month.minusMonths(3))
                        .status())
                .as("no invoice for that month")
                .isEqualTo(404);
    }

    /**
     * Printed (print media, as "Print / save as PDF" prints it), the invoice page is the invoice alone: the dashboard's
     * navigation, the print button and the back link are hidden; seller, buyer, number, dates, lines and total show,
     * and the page prints to a PDF.
     */
    @Test
    void theInvoicePrintsAsAnInvoiceWithoutTheDashboard() throws Exception {
        String name = "Print Shop " + UUID.randomUUID();
        var created = Http.on(port)
                .bearer(operatorToken.reveal())
                .post("/platform/v1/organizations", Map.of("name", name, "tier", "basic"));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        OrganizationId org =
                new OrganizationId(UUID.fromString(created.json().get("id").asString()));
        var owner = people.join(org, MemberRole.OWNER);
        YearMonth month = YearMonth.now(ZoneOffset.UTC);
        clock.moveTo(month.plusMonths(1).atDay(2).atStartOfDay(ZoneOffset.UTC).toInstant());
        billing.run(month);

        ChromeDriver browser = (ChromeDriver) io.supportagent.support.Browsers.headless();
        try {
            browser.manage().window().setSize(new Dimension(1280, 900));
            String base = "http://localhost:" + port;
            browser.get(base + "/login");
            browser.findElement(By.id("email")).sendKeys(owner.email());
            browser.findElement(By.id("password")).sendKeys(owner.password());
            browser.findElement(By.cssSelector("form button[type=submit]")).click();
            new WebDriverWait(browser, java.time.Duration.ofSeconds(20))
                    .until(d -> d.getCurrentUrl().contains("/app/"));
            browser.get(base + "/app/" + org + "/live/invoices/" + month);
            var screen = browser.findElement(By.cssSelector("[data-print]"));
            assertThat(screen.isDisplayed()).isTrue();
            assertThat(screen.getText()).isEqualTo("Print / save as PDF");
            assertThat(browser.findElement(By.cssSelector(".sidebar")).isDisplayed())
                    .as("on screen, the dashboard")
                    .isTrue();

            browser.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", "print"));

            for (String chrome : java.util.List.of(".sidebar", ".topbar", "[data-print]", "p.no-print")) {
                assertThat(browser.findElements(By.cssSelector(chrome)))
                        .as(chrome)
                        .isNotEmpty()
                        .allSatisfy(e -> assertThat(e.isDisplayed())
                                .as(chrome + " printed")
                                .isFalse());
            }
            String printed =
                    browser.findElement(By.cssSelector("section.invoice")).getText();
            assertThat(printed)
                    .containsPattern("Invoice [0-9A-F]{8}-[0-9]{4}")
                    .contains("Support Agent Platform")
                    .contains("Billed to")
                    .contains(name)
                    .contains("Issued")
                    .contains("Period")
                    .contains("Basic plan")
                    .contains("Total");
            Object pdf = browser.executeCdpCommand("Page.printToPDF", Map.of()).get("data");
            byte[] bytes = java.util.Base64.getDecoder().decode(pdf.toString());
            assertThat(new String(bytes, 0, 5, java.nio.charset.StandardCharsets.US_ASCII))
                    .isEqualTo("%PDF-");
        } finally {
            io.supportagent.support.Browsers.quit(browser);
        }
    }
}
