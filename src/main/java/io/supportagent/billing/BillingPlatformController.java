package io.supportagent.billing;

import io.supportagent.platform.OperatorOnly;
import io.supportagent.platform.web.ApiTags;
import io.supportagent.platform.web.ListPage;
import io.supportagent.platform.web.Pagination;
import io.supportagent.platform.web.RequestExample;
import io.supportagent.usage.BillingPeriod;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.NotNull;
import java.time.YearMonth;
import java.util.UUID;
import java.util.function.Function;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The operator's billing: closing a month ({@code POST /platform/v1/billing-runs}) and its invoices. */
@RestController
@OperatorOnly
@Tag(name = ApiTags.BILLING)
class BillingPlatformController {

    private final BillingService billing;

    BillingPlatformController(BillingService billing) {
        this.billing = billing;
    }

    record BillingRunCommand(
            @io.swagger.v3.oas.annotations.media.Schema(
                    pattern = io.supportagent.platform.web.SchemaPatterns.MONTH,
                    example = "2026-11",
                    description = "The month to close, as YYYY-MM; it must have ended.")
            @NotNull
            String period) {}

    record BillingRunView(
            String object, String period, int invoicesCreated, int invoicesExisting, int organizationsPending) {}

    @Operation(
            operationId = "runBilling",
            summary = "Close a month (operator)",
            description = "Finalizes the invoices of a past month for every organization whose billing time zone has"
                    + " reached its end (the others are counted as pending: run again later). Idempotent: finalized"
                    + " invoices never change, and a second run answers them as existing. A month that has not"
                    + " ended answers 409 `period_not_ended`.")
    @RequestExample("""
            {"period": "2026-11"}""")
    @io.supportagent.platform.web.ProblemResponse(status = 409, codes = "period_not_ended")
    @PostMapping("/platform/v1/billing-runs")
    BillingRunView run(@RequestBody @jakarta.validation.Valid BillingRunCommand command) {
        BillingRun run = billing.run(BillingPeriod.parseMonth(command.period(), "period"));
        return new BillingRunView(
                "billing_run", run.period(), run.invoicesCreated(), run.invoicesExisting(), run.organizationsPending());
    }

    /**
     * One period's invoices across organizations, by organization id. The cursor is the last invoice of the previous
     * page, by its id or, as documented before, by its organization's id.
     */
    @Operation(
            operationId = "listInvoicesOfPeriod",
            summary = "List a month's invoices (operator)",
            description = "The finalized invoices of one period across organizations, by organization id.")
    @GetMapping("/platform/v1/invoices")
    ListPage<InvoiceView> invoices(
            @RequestParam(required = false) String period,
            @RequestParam(required = false) Integer limit,
            @RequestParam(name = "starting_after", required = false) String startingAfter) {
        int size = Pagination.limit(limit);
        YearMonth month = BillingPeriod.parseMonth(period, "period");
        UUID after = Pagination.id("starting_after", startingAfter, Function.identity());
        return ListPage.of(
                billing.invoicesOfPeriod(month, size + 1, after).stream()
                        .map(InvoiceView::of)
                        .toList(),
                size,
                "/platform/v1/invoices");
    }
}
