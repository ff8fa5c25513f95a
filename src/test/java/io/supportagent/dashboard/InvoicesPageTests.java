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
}
