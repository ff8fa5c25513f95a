package io.supportagent.dashboard.console;

import io.supportagent.billing.BillingRun;
import io.supportagent.billing.BillingService;
import io.supportagent.billing.Invoice;
import io.supportagent.platform.ApiProblem;
import io.supportagent.platform.Caller;
import io.supportagent.platform.NotFound;
import io.supportagent.platform.OperatorStaffOnly;
import io.supportagent.platform.OrganizationId;
import io.supportagent.platform.Tenant;
import io.supportagent.platform.TenantContext;
import io.supportagent.platform.web.Pagination;
import io.supportagent.tenancy.Organization;
import io.supportagent.tenancy.TenancyService;
import io.supportagent.usage.BillingPeriod;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Billing across organizations: close a month (the same billing run as {@code POST /platform/v1/billing-runs} and the
 * {@code billing-run} command), a month's invoices of every organization, and any one invoice with its lines.
 */
@ConsolePage
@OperatorStaffOnly
class BillingConsole {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(BillingConsole.class);

    static final int PAGE = 50;

    private final BillingService billing;
    private final TenancyService tenancy;
    private final Clock clock;

    BillingConsole(BillingService billing, TenancyService tenancy, Clock clock) {
        this.billing = billing;
        this.tenancy = tenancy;
        this.clock = clock;
    }

    @GetMapping("/billing")
    String billing(
            @RequestParam(required = false) String period,
            @RequestParam(name = "starting_after", required = false) String startingAfter,
            Model model) {
        YearMonth month = FormValues.text(period) == null
                ? YearMonth.from(clock.instant().atZone(ZoneOffset.UTC)).minusMonths(1)
                : BillingPeriod.parseMonth(period, "period");
        UUID after = Pagination.id("starting_after", startingAfter, Function.identity());
        List<Invoice> page = billing.invoicesOfPeriod(month, PAGE + 1, after);
        List<Invoice> invoices = page.stream().limit(PAGE).toList();
        Map<OrganizationId, String> names = new LinkedHashMap<>();
        for (Invoice invoice : invoices) {
            names.computeIfAbsent(
                    invoice.organizationId(),
                    id -> tenancy.findOrganization(id).map(Organization::name).orElse(id.toString()));
        }
        model.addAttribute("period", month.toString());
        model.addAttribute("invoices", invoices);
        model.addAttribute("names", names);
        model.addAttribute(
                "totalCents", invoices.stream().mapToLong(Invoice::totalCents).sum());
        model.addAttribute(
                "currency", invoices.isEmpty() ? "USD" : invoices.getFirst().currency());
        model.addAttribute("next", page.size() > PAGE ? page.get(PAGE - 1).id() : null);
        return "console/billing";
    }

    @PostMapping("/billing/runs")
    String run(
            Caller.OperatorStaff staff,
            @RequestParam(required = false) String period,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        try {
            BillingRun run = billing.run(BillingPeriod.parseMonth(period, "period"));
            log.info(
                    "Operator staff {} ran billing for {}: {} invoices finalized, {} existing, {} pending",
                    staff.email(),
                    run.period(),
                    run.invoicesCreated(),
                    run.invoicesExisting(),
                    run.organizationsPending());
            redirect.addFlashAttribute(
                    "toast",
                    "Billing run for " + run.period() + ": " + run.invoicesCreated() + " invoices finalized, "
                            + run.invoicesExisting() + " already final, " + run.organizationsPending()
                            + " organizations not at the end of the month yet.");
            return "redirect:" + ConsolePage.BASE + "/billing?period=" + run.period();
        } catch (ApiProblem problem) {
            response.setStatus(problem.status().value());
            model.addAttribute("error", Refusals.message(problem));
            return billing(null, null, model);
        }
    }

    @GetMapping("/billing/invoices/{organization}/{period}")
    String invoice(@PathVariable String organization, @PathVariable String period, Model model) {
        OrganizationId org = FormValues.organization(organization);
        Organization found = tenancy.findOrganization(org).orElseThrow(() -> new NotFound("organization", org));
        YearMonth month;
        try {
            month = BillingPeriod.parseMonth(period, "period");
        } catch (ApiProblem notAMonth) {
            throw new NotFound("invoice for period", period);
        }
        // Read as the organization's own invoices are (its tenant, row-level security): one invoice, its lines.
        Invoice invoice = TenantContext.callAs(Tenant.live(org), () -> billing.invoice(month));
        model.addAttribute("invoice", invoice);
        model.addAttribute("org", found);
        return "console/invoice";
    }
}
