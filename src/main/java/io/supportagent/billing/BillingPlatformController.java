package io.supportagent.billing;

import io.supportagent.platform.InvalidRequest;
import io.supportagent.platform.OrganizationId;
import io.supportagent.usage.BillingPeriod;
import jakarta.validation.constraints.NotNull;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The operator's billing: closing a month ({@code POST /platform/v1/billing-runs}) and its invoices. */
@RestController
class BillingPlatformController {

    private final BillingService billing;

    BillingPlatformController(BillingService billing) {
        this.billing = billing;
    }

    record BillingRunCommand(@NotNull String period) {}

    record BillingRunView(
            String object, String period, int invoicesCreated, int invoicesExisting, int organizationsPending) {}

    @PostMapping("/platform/v1/billing-runs")
    BillingRunView run(@RequestBody @jakarta.validation.Valid BillingRunCommand command) {
        BillingRun run = billing.run(BillingPeriod.parseMonth(command.period(), "period"));
        return new BillingRunView(
                "billing_run", run.period(), run.invoicesCreated(), run.invoicesExisting(), run.organizationsPending());
    }

    @GetMapping("/platform/v1/invoices")
    InvoiceView.ListView invoices(
            @RequestParam(required = false) String period,
            @RequestParam(defaultValue = "100") int limit,
            @RequestParam(name = "starting_after", required = false) String startingAfter) {
        if (limit < 1 || limit > 1000) {
            throw new InvalidRequest("limit must be between 1 and 1000.", Map.of("limit", "between 1 and 1000"));
        }
        YearMonth month = BillingPeriod.parseMonth(period, "period");
        OrganizationId after = startingAfter == null ? null : OrganizationId.parse(startingAfter);
        List<Invoice> page = billing.invoicesOfPeriod(month, limit + 1, after);
        boolean more = page.size() > limit;
        return new InvoiceView.ListView(
                "list", page.stream().limit(limit).map(InvoiceView::of).toList(), more);
    }
}
