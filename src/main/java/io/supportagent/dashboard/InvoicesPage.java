package io.supportagent.dashboard;

import io.supportagent.billing.BillingService;
import io.supportagent.billing.Invoice;
import io.supportagent.platform.ApiProblem;
import io.supportagent.platform.MemberAccess;
import io.supportagent.platform.NotFound;
import io.supportagent.platform.web.Pagination;
import io.supportagent.usage.BillingPeriod;
import java.time.YearMonth;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Invoices: the running month's upcoming invoice and every finalized one, $0 invoices included, newest first and
 * cursor-paged; one invoice with its lines, printable. Test mode has none (test usage is never billed).
 */
@DashboardPage
class InvoicesPage {

    static final int PAGE = 24;

    private final BillingService billing;

    InvoicesPage(BillingService billing) {
        this.billing = billing;
    }

    @GetMapping("/invoices")
    @MemberAccess.Billing
    String list(@RequestParam(name = "starting_after", required = false) String startingAfter, Model model) {
        UUID after = Pagination.id("starting_after", startingAfter, Function.identity());
        List<Invoice> page = billing.invoices(PAGE + 1, after);
        model.addAttribute("invoices", page.stream().limit(PAGE).toList());
        model.addAttribute("hasMore", page.size() > PAGE);
        model.addAttribute("next", page.size() > PAGE ? page.get(PAGE - 1).id() : null);
        model.addAttribute("upcoming", after == null ? billing.upcoming() : null);
        return "dashboard/invoices";
    }

    @GetMapping("/invoices/{period}")
    @MemberAccess.Billing
    String invoice(@PathVariable String period, Model model) {
        if (!io.supportagent.platform.TenantContext.require().livemode()) {
            throw new NotFound("invoice for period", period); // test usage is never billed
        }
        YearMonth month;
        try {
            month = BillingPeriod.parseMonth(period, "period");
        } catch (ApiProblem notAMonth) {
            throw new NotFound("invoice for period", period);
        }
        Invoice invoice =
                month.equals(billing.currentUsage().period().month()) ? billing.upcoming() : billing.invoice(month);
        model.addAttribute("invoice", invoice);
        model.addAttribute("seller", billing.seller());
        return "dashboard/invoice";
    }
}
